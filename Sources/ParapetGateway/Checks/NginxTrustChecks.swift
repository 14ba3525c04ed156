extension NginxAnalysis {
  /// Step 6: client certificate verification and upstream TLS verification.
  mutating func checkClientCertificates() {
    for (directive, scope) in everywhere("ssl_verify_client") {
      let mode = directive.values.first ?? ""
      if mode == "optional_no_ca" {
        report("GW-MTLS-002", at: directive, argument: 0, "optional_no_ca accepts any certificate")
      } else if mode == "on" || mode == "optional",
        scope.effective("ssl_client_certificate") == nil,
        scope.effective("ssl_trusted_certificate") == nil
      {
        report(
          "GW-MTLS-002", at: directive, argument: 0,
          "no ssl_client_certificate names the CA to check against")
      }
    }
    for (directive, scope) in everywhere("proxy_pass")
    where directive.values.first?.hasPrefix("https://") == true {
      if scope.effective("proxy_ssl_verify")?.values.first != "on" {
        report(
          "GW-MTLS-004", at: directive, argument: 0,
          "the upstream's certificate is not verified (proxy_ssl_verify is off)")
      }
    }
  }

  /// Steps 7, 8 and 9: credentials in headers, logging of proxied traffic and of credentials,
  /// workers run as root.
  mutating func checkCredentialsAndLogs() {
    for (directive, _) in everywhere("proxy_set_header") {
      let name = directive.values.first?.lowercased() ?? ""
      let value = directive.values.dropFirst().first ?? ""
      guard ["authorization", "x-api-key", "api-key", "x-auth-token"].contains(name),
        !value.isEmpty, !TextSearch.contains(value, "$")
      else { continue }
      // The value is the credential: the message names the header only.
      report(
        "GW-KEY-001", at: directive, argument: 1,
        "\(directive.values.first ?? "") is set to a literal value")
    }
    checkLiteralKeys()
    for (directive, scope) in everywhere("access_log") where directive.values.first == "off" {
      let proxies =
        scope.directive.child("proxy_pass") != nil
        || !scope.descendants(["location"]).filter { $0.directive.child("proxy_pass") != nil }
          .isEmpty
      if proxies {
        report("GW-LOG-001", at: directive, "access_log is off where requests are proxied")
      }
    }
    for (directive, _) in everywhere("log_format") {
      let format = directive.values.dropFirst().joined(separator: " ")
      let leaked = NginxVocabulary.loggedCredentials(format)
      if !leaked.isEmpty {
        report(
          "GW-LOG-003", at: directive,
          "log_format \(directive.values.first ?? "") logs \(leaked.joined(separator: ", "))")
      }
    }
    if let user = main.directive.child("user"), user.values.first == "root" {
      report("GW-CTR-001", at: user, argument: 0, "the workers run as root")
    }
  }

  /// API keys compared in `map $http_x_api_key` entries and `if ($http_x_api_key = …)`: the key
  /// is in the file (GW-KEY-001), and may be weak as well (GW-KEY-004).
  private mutating func checkLiteralKeys() {
    let keyVariables: Set<String> = [
      "$http_x_api_key", "$http_api_key", "$arg_api_key", "$http_apikey",
    ]
    var literals: [(directive: NginxDirective, argument: Int?, key: String)] = []
    for (map, _) in everywhere("map") where keyVariables.contains(map.values.first ?? "") {
      for entry in map.block ?? [] where entry.name != "default" && !entry.name.hasPrefix("~") {
        literals.append((entry, nil, entry.name))
      }
    }
    for (condition, _) in everywhere("if") {
      let words = condition.values
      guard words.count >= 3, keyVariables.contains(words[0].trimmingCharacters(in: ["("])),
        words[1] == "=" || words[1] == "!="
      else { continue }
      let key = words[2].trimmingCharacters(in: [")"])
      if !key.isEmpty, !LiteralKey.isReference(key) { literals.append((condition, 2, key)) }
    }
    for (directive, argument, key) in literals {
      // The value is the credential: messages never quote it.
      report("GW-KEY-001", at: directive, argument: argument, "an API key is compared as a literal")
      if let weakness = LiteralKey.weakness(key, minimumLength: thresholds.keyMinLength) {
        report("GW-KEY-004", at: directive, argument: argument, "a literal API key is \(weakness)")
      }
    }
  }
}
