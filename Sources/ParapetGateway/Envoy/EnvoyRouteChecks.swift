import Yams

extension EnvoyAnalysis {
  /// Step 5: the response headers a route configuration adds, at its own level or in every
  /// virtual host.
  mutating func checkResponseHeaders(_ routes: Node?, listener: String, at place: Node?) {
    guard let routes else { return }
    func names(_ node: Node?) -> Set<String> {
      Set(
        (node?["response_headers_to_add"]?.array() ?? []).compactMap {
          $0["header"]?["key"]?.string?.lowercased()
        })
    }
    let shared = names(routes)
    let hosts = routes["virtual_hosts"]?.array() ?? []
    let added = hosts.isEmpty ? [shared] : hosts.map { shared.union(names($0)) }
    let missing = ResponseHeaders.requiredLowercased.filter { header in
      added.contains { !$0.contains(header) }
    }
    if !missing.isEmpty {
      report(
        "GW-HDR-001", at: routes["name"] ?? place,
        "listener \(listener) does not add \(missing.joined(separator: ", ")) to responses")
    }
  }

  /// Steps 2 and 7 for a virtual host: the CORS allowlist and preflight, and credentials written
  /// into request headers.
  mutating func checkVirtualHost(_ host: Node) {
    let name = host["name"]?.string ?? "?"
    let cors = host["cors"] ?? host["typed_per_filter_config"]?["envoy.filters.http.cors"]
    for origin in cors?["allow_origin_string_match"]?.array() ?? [] {
      if let exact = origin["exact"], let text = exact.string,
        let weakness = CORSOrigin.weakness(text)
      {
        report("GW-CORS-004", at: exact, "virtual host \(name) \(weakness)")
      }
      if let regex = origin["safe_regex"]?["regex"], let text = regex.string, text != ".*",
        CORSOrigin.isBroadPattern(text)
      {
        report(
          "GW-CORS-003", at: regex,
          "virtual host \(name): the origin pattern \(text) is unanchored or over-broad")
      }
    }
    for key in ["allow_headers", "allow_methods"] {
      if let value = cors?[key], value.string == "*" {
        report("GW-CORS-005", at: value, "virtual host \(name): \(key) is \"*\"")
      }
    }
    if let age = cors?["max_age"], let seconds = age.string.flatMap({ Int($0) }) ?? age.int,
      seconds > thresholds.corsMaxAge
    {
      report(
        "GW-CORS-005", at: age,
        "virtual host \(name) caches preflights for \(seconds) s, over \(thresholds.corsMaxAge)")
    }
    let routes = host["routes"]?.array() ?? []
    for entry in ([host] + routes).flatMap({ $0["request_headers_to_add"]?.array() ?? [] }) {
      guard let key = entry["header"]?["key"]?.string,
        ["authorization", "x-api-key", "api-key"].contains(key.lowercased()),
        let value = entry["header"]?["value"], let text = value.string, !text.contains("%"),
        !LiteralKey.isReference(text)
      else { continue }
      // The value is the credential: the message names the header only.
      report("GW-KEY-001", at: value, "virtual host \(name) sets \(key) to a literal value")
    }
  }
}
