import Foundation

extension NginxAnalysis {
  /// Steps 4, 5, 6 and 8, the rules that complete each step's coverage.
  mutating func checkCompleteness() {
    for (directive, _) in everywhere("log_format") {
      let format = directive.values.dropFirst().filter { !$0.hasPrefix("escape=") }.joined(
        separator: " ")
      let missing = NginxVocabulary.missingAuditFields(format)
      if !missing.isEmpty {
        report(
          "GW-LOG-002", at: directive,
          "log_format \(directive.values.first ?? "") has no \(missing.joined(separator: ", "))")
      }
      if format.trimmingCharacters(in: .whitespaces).hasPrefix("{"),
        !directive.values.contains("escape=json")
      {
        report(
          "GW-LOG-004", at: directive,
          "log_format \(directive.values.first ?? "") writes JSON without escape=json")
      }
    }
    for (directive, _) in everywhere("ssl_verify_depth") {
      if let depth = Int(directive.values.first ?? ""), depth > thresholds.verifyDepth {
        report("GW-MTLS-003", at: directive, argument: 0, "ssl_verify_depth is \(depth)")
      }
    }
    for (directive, _) in everywhere("proxy_pass") {
      guard let target = directive.values.first, !TextSearch.contains(target, "$") else {
        continue
      }
      let host = UpstreamHost(target)
      if host.isLoopback {
        report("GW-SSRF-003", at: directive, argument: 0, "the target \(host.name) is on loopback")
      } else if host.isPrivate {
        report(
          "GW-SSRF-003", at: directive, argument: 0, severity: .info,
          "the target \(host.name) is on a private network")
      }
    }
    for server in servers {
      let names = Set(server.sentHeaders.compactMap { $0.values.first?.lowercased() })
      if isTLS(server), fixedStatus(server) == nil {
        let missing = ["Content-Security-Policy", "Referrer-Policy", "Permissions-Policy"].filter {
          !names.contains($0.lowercased())
        }
        if !missing.isEmpty {
          reportAbsence(
            "GW-HDR-002", in: server, at: server.directive,
            "this TLS server sends no \(missing.joined(separator: ", "))")
        }
      }
      let proxies = server.descendants(["location"]).filter {
        $0.directive.child("proxy_pass") != nil
      }
      func sendsRequestID(_ headers: [NginxDirective]) -> Bool {
        headers.contains { $0.values.first?.lowercased() == "x-request-id" }
      }
      if let lacking = proxies.first(where: { !sendsRequestID($0.inherited("proxy_set_header")) }) {
        // nginx's rule: a block with any proxy_set_header of its own inherits none, so a
        // location setting Host loses the server's X-Request-ID.
        let outer = server.inherited("proxy_set_header")
        let own = lacking.directive.children("proxy_set_header")
        if sendsRequestID(outer), let first = own.first {
          let source = outer.first { $0.values.first?.lowercased() == "x-request-id" }
          report(
            "GW-LOG-005", at: first,
            "location \(lacking.directive.values.joined(separator: " ")) sets its own proxy_set_header, which drops the X-Request-ID set at \(source.map { "\($0.path):\($0.line)" } ?? "the server")"
          )
        } else {
          reportAbsence(
            "GW-LOG-005", in: lacking, at: lacking.directive,
            "proxied requests carry no X-Request-ID")
        }
      }
      let verify = server.effective("ssl_verify_client")?.values.first
      for location in server.descendants(["location"]) {
        let path = location.directive.values.last ?? ""
        guard InternalPath.matches(path) else { continue }
        if verify != "on" && location.effective("ssl_verify_client")?.values.first != "on" {
          report(
            "GW-MTLS-001", at: location.directive,
            "location \(path) does not require a client certificate")
        }
      }
    }
  }
}
