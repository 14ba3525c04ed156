import Foundation
import Yams

extension KubernetesAnalysis {
  /// Headers whose literal value is a credential.
  private static let credentialHeaders = ["authorization", "x-api-key", "api-key", "x-auth-token"]
  /// nginx variables a client controls, which must not choose an upstream.
  private static let requestVariables = ["$arg_", "$http_", "$cookie_", "$query_string", "$args"]

  /// Steps 1 to 8 for an Ingress's annotations and paths, beyond origins, limits and client
  /// certificates: ciphers, the CORS allowlist and preflight, authentication limits, admin
  /// paths, upstream TLS, keys and proxying in annotations, access logs.
  mutating func checkIngressDetails(_ object: KubernetesObject, _ annotations: [String: Node]) {
    if let ciphers = annotations["ssl-ciphers"], let value = ciphers.string {
      let weak = NginxVocabulary.weakSuites(value)
      if !weak.isEmpty {
        report(
          "GW-TLS-005", object, at: ciphers, "ssl-ciphers allows \(weak.joined(separator: ", "))")
      }
    }
    if annotations["enable-cors"]?.string == "true" {
      for origin in (annotations["cors-allow-origin"]?.string ?? "").split(separator: ",") {
        if let weakness = CORSOrigin.weakness(String(origin)) {
          report(
            "GW-CORS-004", object, at: annotations["cors-allow-origin"],
            "cors-allow-origin \(weakness)")
        }
      }
      if let headers = annotations["cors-allow-headers"], headers.string?.contains("*") == true {
        report("GW-CORS-005", object, at: headers, "cors-allow-headers is \"*\"")
      }
      let maxAge = annotations["cors-max-age"]?.string.flatMap { Int($0) } ?? 1_728_000
      if maxAge > thresholds.corsMaxAge {
        report(
          "GW-CORS-005", object, at: annotations["cors-max-age"] ?? annotations["enable-cors"],
          "preflights are cached for \(maxAge) s\(annotations["cors-max-age"] == nil ? " (the default)" : ""), over \(thresholds.corsMaxAge)"
        )
      }
    }
    let paths = (object.node["spec"]?["rules"]?.array() ?? []).flatMap {
      $0["http"]?["paths"]?.array() ?? []
    }.compactMap { path in path["path"].map { ($0.string ?? "", $0) } }
    for (path, _) in paths where AuthPath.matches(path) {
      let perMinute =
        annotations["limit-rpm"]?.string.flatMap { Int($0) }
        ?? annotations["limit-rps"]?.string.flatMap { Int($0) }.map { $0 * 60 }
      if let perMinute, perMinute > thresholds.authRequestsPerMinute {
        report(
          "GW-RL-003", object, at: annotations["limit-rpm"] ?? annotations["limit-rps"],
          "path \(path) authenticates under a limit of \(perMinute) per minute, over \(thresholds.authRequestsPerMinute)"
        )
      }
    }
    let verified =
      annotations["auth-tls-verify-client"]?.string == "on" && annotations["auth-tls-secret"] != nil
    for (path, node) in paths
    where !verified && InternalPath.matches(path) {
      report(
        "GW-MTLS-001", object, at: node,
        "path \(path) is served without client certificates (auth-tls-verify-client on)")
    }
    if let depth = annotations["auth-tls-verify-depth"],
      let value = depth.string.flatMap({ Int($0) }),
      value > thresholds.verifyDepth
    {
      report(
        "GW-MTLS-003", object, at: depth,
        "auth-tls-verify-depth is \(value), over \(thresholds.verifyDepth)")
    }
    if let backend = annotations["backend-protocol"],
      ["HTTPS", "GRPCS"].contains(backend.string ?? ""),
      annotations["proxy-ssl-verify"]?.string != "on" || annotations["proxy-ssl-secret"] == nil
    {
      report(
        "GW-MTLS-004", object, at: annotations["proxy-ssl-verify"] ?? backend,
        "the upstream's certificate is not verified (proxy-ssl-verify on with proxy-ssl-secret)")
    }
    if let log = annotations["enable-access-log"], log.string == "false" {
      report("GW-LOG-001", object, at: log, "enable-access-log is false")
    }
    for (name, value) in annotations.sorted(by: { $0.key < $1.key }) {
      let text = value.string ?? ""
      for line in text.split(separator: "\n") {
        let words = line.split(whereSeparator: \.isWhitespace).map {
          $0.trimmingCharacters(in: ["\"", "'", ";"])
        }
        if words.count >= 3, ["proxy_set_header", "more_set_input_headers"].contains(words[0]),
          Self.credentialHeaders.contains(words[1].lowercased().trimmingCharacters(in: [":"])),
          !words[2].hasPrefix("$")
        {
          // The value is the credential: the message names the header only.
          report("GW-KEY-001", object, at: value, "\(name) sets \(words[1]) to a literal value")
        }
        if words.count >= 2, words[0] == "proxy_pass",
          Self.requestVariables.contains(where: { words[1].contains($0) })
        {
          report(
            "GW-SSRF-001", object, at: value,
            "\(name) proxies to \(words[1]), which the client chooses")
        }
      }
      if text.range(of: #"://[^/\s:@]+:[^/\s@]+@"#, options: .regularExpression) != nil {
        report("GW-KEY-001", object, at: value, "\(name) carries a URL with a password in it")
      }
    }
  }
}
