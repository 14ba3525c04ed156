extension NginxAnalysis {
  private static let securityHeaders: Set<String> = [
    "strict-transport-security", "x-content-type-options", "x-frame-options",
    "content-security-policy", "referrer-policy", "permissions-policy",
  ]

  /// Step 5: the headers every TLS server that serves pages sends, `always`, blocks that drop
  /// inherited ones, and server_tokens.
  mutating func checkHeaders() {
    for (directive, _) in everywhere("add_header") {
      let name = directive.values.first?.lowercased() ?? ""
      if Self.securityHeaders.contains(name) && directive.values.count >= 2
        && !directive.values[1].isEmpty && directive.values.last != "always"
        && name != "strict-transport-security"  // GW-TLS-003 says it for HSTS
      {
        report(
          "GW-HDR-003", at: directive,
          "\(directive.values.first ?? "") is dropped on error responses")
      }
    }
    for server in servers {
      let names = Set(server.sentHeaders.compactMap { $0.values.first?.lowercased() })
      if isTLS(server), fixedStatus(server) == nil {
        let missing = ResponseHeaders.required.filter {
          !names.contains($0.lowercased())
        }
        if !missing.isEmpty {
          reportAbsence(
            "GW-HDR-001", in: server, at: server.directive,
            "this TLS server sends no \(missing.joined(separator: " or "))")
        }
      }
      let inheritedSecurity = names.intersection(Self.securityHeaders)
      for block in server.descendants(["location", "if"]) {
        let own = block.directive.children("add_header")
        guard let first = own.first, !inheritedSecurity.isEmpty else { continue }
        let kept = Set(own.compactMap { $0.values.first?.lowercased() })
        let lost = inheritedSecurity.subtracting(kept).sorted()
        if !lost.isEmpty {
          report(
            "GW-HDR-004", at: first,
            "this \(block.directive.name) block's add_header drops \(lost.joined(separator: ", ")) from its server"
          )
        }
      }
      if let tokens = server.effective("server_tokens") {
        if tokens.values.first != "off" {
          report("GW-HDR-005", at: tokens, "server_tokens is \(tokens.values.first ?? "")")
        }
      } else {
        reportAbsence(
          "GW-HDR-005", in: server, at: server.directive, "server_tokens is on (the default)")
      }
    }
  }
}
