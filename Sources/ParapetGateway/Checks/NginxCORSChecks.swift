extension NginxAnalysis {
  /// Step 2: the Access-Control-Allow-Origin each block sends.
  mutating func checkCORS() {
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
}
