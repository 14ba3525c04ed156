import Foundation

extension NginxAnalysis {
  /// Variables the client sets: name prefixes, then whole names.
  private static let requestPrefixes = ["arg_", "http_", "cookie_"]
  private static let requestNames: Set<Substring> = ["args", "query_string", "request_uri"]

  /// Step 4: proxy targets chosen by the request, metadata addresses, resolvers, geo blocks.
  mutating func checkSSRF() {
    let passes = everywhere("proxy_pass") + everywhere("grpc_pass")
    for (directive, scope) in passes {
      guard let written = directive.values.first else { continue }
      // Judged as nginx runs it: variables `set` around the directive take their values.
      let target = scope.expandingSetVariables(written)
      let authority = Self.authority(of: target)
      let captures = scope.regexCaptureNames
      let fromRequest = NginxVariable.references(in: authority).contains { reference in
        let name = reference.name
        return Self.requestNames.contains(name) || captures.contains(String(name))
          || Self.requestPrefixes.contains(where: name.hasPrefix)
          || name.first.map { ("1"..."9").contains($0) } == true  // a regex capture
      }
      if fromRequest {
        report(
          "GW-SSRF-001", at: directive, argument: 0,
          "the target's scheme or host '\(authority)' comes from the request")
      }
      if UpstreamHost(authority).isMetadata {
        report(
          "GW-SSRF-002", at: directive, argument: 0,
          "the target \(authority) is link-local or cloud metadata")
      }
      // With a variable anywhere in the target, nginx resolves its host at run time, unless
      // the host is an address or one of the configuration's `upstream` groups.
      if TextSearch.contains(written, "$"), needsResolution(UpstreamHost(authority).name) {
        if let resolver = scope.effective("resolver") {
          if !resolver.values.contains(where: { $0.hasPrefix("valid=") }) {
            report(
              "GW-SSRF-004", at: resolver, "the resolver sets no valid= time for cached answers")
          }
        } else {
          reportAbsence(
            "GW-SSRF-004", in: scope, at: directive, argument: 0,
            "the target has variables and no resolver applies")
        }
      }
    }
    for (upstream, _) in everywhere("upstream") {
      for server in upstream.children("server")
      where UpstreamHost(server.values.first ?? "").isMetadata {
        report(
          "GW-SSRF-002", at: server, argument: 0,
          "upstream server \(server.values.first ?? "") is link-local or cloud metadata")
      }
    }
    for (geo, _) in everywhere("geo") where geo.values.count == 1 {
      report(
        "GW-SSRF-005", at: geo,
        "geo \(geo.values[0]) has no source variable, so it tests the client's address")
    }
  }

  /// Variables whose value starts with `/`: where one follows the host, the path begins.
  private static let pathVariables: Set<Substring> = ["request_uri", "uri", "document_uri"]

  /// The scheme and host part of a proxy target (`http://$arg_host/path` → `http://$arg_host`,
  /// `http://backend$request_uri` → `http://backend`).
  private static func authority(of target: String) -> String {
    guard let scheme = target.firstRange(of: "://") else { return target }
    var rest = target[scheme.upperBound...].prefix { $0 != "/" }
    if let path = NginxVariable.references(in: rest).first(where: {
      pathVariables.contains($0.name)
    }) {
      rest = rest[..<path.range.lowerBound]
    }
    return String(target[..<scheme.upperBound]) + rest
  }

  /// Whether a host needs a resolver: not an address, a socket or an `upstream` group.
  private func needsResolution(_ host: String) -> Bool {
    if host.hasPrefix("unix:") || TextSearch.contains(host, ":") { return false }
    if !host.isEmpty, host.allSatisfy({ $0.isNumber || $0 == "." }) { return false }
    return !everywhere("upstream").contains { $0.directive.values.first?.lowercased() == host }
  }
}
