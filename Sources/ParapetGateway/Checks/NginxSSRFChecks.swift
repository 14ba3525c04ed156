import Foundation

extension NginxAnalysis {
  private static let requestVariables = [
    "$arg_", "$http_", "$cookie_", "$args", "$query_string", "$request_uri",
  ]

  /// Step 4: proxy targets chosen by the request, metadata addresses, resolvers, geo blocks.
  mutating func checkSSRF() {
    let passes = everywhere("proxy_pass") + everywhere("grpc_pass")
    for (directive, scope) in passes {
      guard let target = directive.values.first else { continue }
      let authority = Self.authority(of: target)
      if TextSearch.containsAny(authority, Self.requestVariables)
        || zip(authority, authority.dropFirst()).contains(where: {
          $0 == "$" && ("1"..."9").contains($1)
        })
      {
        report(
          "GW-SSRF-001", at: directive, argument: 0,
          "the target's scheme or host '\(authority)' comes from the request")
      }
      if UpstreamHost(authority).isMetadata {
        report(
          "GW-SSRF-002", at: directive, argument: 0,
          "the target \(authority) is link-local or cloud metadata")
      }
      if TextSearch.contains(target, "$") {
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

  /// The scheme and host part of a proxy target (`http://$arg_host/path` → `http://$arg_host`).
  private static func authority(of target: String) -> String {
    guard let scheme = target.firstRange(of: "://") else { return target }
    return String(target[..<scheme.upperBound]) + target[scheme.upperBound...].prefix { $0 != "/" }
  }
}
