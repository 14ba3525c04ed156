extension NginxAnalysis {
  /// Step 2: the Access-Control-Allow-Origin each block sends, the origins a `map` allows, and
  /// the preflight's reach.
  mutating func checkCORS() {
    checkOrigins()
    checkPreflight()
    for (map, _) in everywhere("map") where map.values.first == "$http_origin" {
      for entry in map.block ?? [] where entry.name != "default" && entry.name != "hostnames" {
        let origin = entry.name.hasPrefix("~") ? String(entry.name.dropFirst()) : entry.name
        if let weakness = CORSOrigin.weakness(origin.replacingOccurrences(of: "\\", with: "")) {
          report("GW-CORS-004", at: entry, "the map of $http_origin \(weakness)")
        }
      }
    }
  }

  private mutating func checkOrigins() {
    let guardedByMap = everywhere("map").contains { $0.directive.values.first == "$http_origin" }
    var blocks = [main]
    blocks += httpScopes + servers + servers.flatMap { $0.descendants(["location", "if"]) }
    for block in blocks {
      let headers = block.directive.children("add_header")
      guard
        let origin = headers.first(where: {
          $0.values.first?.lowercased() == "access-control-allow-origin"
        })
      else { continue }
      let value = origin.values.dropFirst().first ?? ""
      let credentials = block.inherited("add_header").contains {
        $0.values.first?.lowercased() == "access-control-allow-credentials"
          && ($0.values.dropFirst().first ?? "").lowercased() == "true"
      }
      if value == "*" {
        if credentials {
          report(
            "GW-CORS-001", at: origin, argument: 1,
            "the origin is \"*\" and credentials are allowed")
        } else {
          report("GW-CORS-002", at: origin, argument: 1, "the origin is \"*\"")
        }
      } else if value == "$http_origin" && !guardedByMap {
        report(
          "GW-CORS-003", at: origin, argument: 1,
          "$http_origin is sent back as it came; no map of $http_origin allows only known origins")
      }
    }
  }

  /// Allowed methods or headers of `*`, and a preflight cache longer than the threshold.
  private mutating func checkPreflight() {
    for (directive, _) in everywhere("add_header") {
      let name = directive.values.first?.lowercased() ?? ""
      let value = directive.values.dropFirst().first ?? ""
      if name == "access-control-allow-methods" || name == "access-control-allow-headers",
        value.split(separator: ",").contains(where: {
          $0.trimmingCharacters(in: .whitespaces) == "*"
        })
      {
        report("GW-CORS-005", at: directive, argument: 1, "\(directive.values[0]) is \"*\"")
      }
      if name == "access-control-max-age", let age = Int(value), age > thresholds.corsMaxAge {
        report(
          "GW-CORS-005", at: directive, argument: 1,
          "preflights are cached for \(age) s, over \(thresholds.corsMaxAge)")
      }
    }
  }
}
