import Foundation

extension NginxAnalysis {
  /// Step 1: protocols, HSTS, ciphers, plain-HTTP proxying.
  mutating func checkTLS() {
    for (directive, _) in everywhere("ssl_protocols") {
      let obsolete = NginxVocabulary.obsoleteProtocols(directive.values)
      guard !obsolete.isEmpty else { continue }
      let index = directive.values.firstIndex { obsolete.contains($0) }
      report(
        "GW-TLS-001", at: directive, argument: index,
        severity: obsolete.contains { $0.hasPrefix("SSL") } ? .critical : nil,
        "ssl_protocols enables \(obsolete.joined(separator: ", "))")
    }
    for (directive, _) in everywhere("ssl_ciphers") {
      let weak = NginxVocabulary.weakSuites(directive.values.joined(separator: ":"))
      if !weak.isEmpty {
        report(
          "GW-TLS-005", at: directive, argument: 0,
          "ssl_ciphers allows \(weak.joined(separator: ", "))")
      }
    }
    for server in servers {
      if isTLS(server) {
        if server.effective("ssl_protocols") == nil {
          reportAbsence(
            "GW-TLS-002", in: server, at: server.directive,
            "no ssl_protocols in this server or its http scope; the nginx version's default decides"
          )
        }
        // A redirect still needs HSTS (it is what a first visit over HTTPS sees); a server
        // that closes the connection (444) sends no response at all.
        if fixedStatus(server) != 444 { checkHSTS(server) }
      } else if listensOnPlainHTTP(server) {
        let proxies = server.descendants(["location"]).filter {
          $0.directive.child("proxy_pass") != nil || $0.directive.child("grpc_pass") != nil
        }
        let redirects = server.directive.children("return").contains {
          ["301", "302", "307", "308"].contains($0.values.first ?? "")
            && ($0.values.dropFirst().first ?? "").hasPrefix("https://")
        }
        if let first = proxies.first, !redirects {
          report(
            "GW-TLS-005", at: first.directive,
            "a plain-HTTP server proxies requests instead of redirecting them to HTTPS")
        }
      }
    }
  }

  private func listensOnPlainHTTP(_ server: NginxScope) -> Bool {
    let listens = server.directive.children("listen")
    guard !listens.isEmpty else { return true }  // nginx listens on 80 by default
    return listens.contains { listen in
      let address = listen.values.first ?? ""
      return address == "80" || address.hasSuffix(":80") || address == "[::]:80"
    }
  }

  private mutating func checkHSTS(_ server: NginxScope) {
    let headers = server.sentHeaders
    guard
      let hsts = headers.first(where: {
        $0.values.first?.lowercased() == "strict-transport-security"
      })
    else {
      reportAbsence(
        "GW-TLS-003", in: server, at: server.directive,
        "this TLS server sends no Strict-Transport-Security")
      return
    }
    let value = hsts.values.dropFirst().first ?? ""
    let maxAge = value.lowercased().split(separator: ";").compactMap { part -> Int? in
      let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=")
      return pair.count == 2 && pair[0] == "max-age" ? Int(pair[1]) : nil
    }.first
    if (maxAge ?? 0) < thresholds.hstsMinAge {
      report(
        "GW-TLS-003", at: hsts, argument: 1,
        "max-age is \(maxAge.map(String.init) ?? "missing"), under a year")
    }
    if hsts.values.last != "always" {
      report("GW-TLS-003", at: hsts, "without `always`, error responses carry no HSTS")
    }
  }
}
