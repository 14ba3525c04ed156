import Yams

extension TraefikAnalysis {
  /// Steps 2 and 7 for each middleware once, whichever routers use it: the CORS allowlist and
  /// preflight of `headers`, credentials written into `basicAuth`, `digestAuth` and request
  /// headers.
  mutating func checkMiddlewares() {
    for (name, middleware) in entries(node["http"]?["middlewares"]) {
      if let headers = middleware["headers"] {
        let list = headers["accessControlAllowOriginList"]?.array() ?? []
        for origin in list {
          if let text = origin.string, let weakness = CORSOrigin.weakness(text) {
            report("GW-CORS-004", at: origin, "middleware \(name) \(weakness)")
          }
        }
        for key in ["accessControlAllowHeaders", "accessControlAllowMethods"] {
          if (headers[key]?.array() ?? []).contains(where: { $0.string == "*" }) {
            report("GW-CORS-005", at: headers[key], "middleware \(name): \(key) is \"*\"")
          }
        }
        if let age = headers["accessControlMaxAge"], let seconds = age.int,
          seconds > thresholds.corsMaxAge
        {
          report(
            "GW-CORS-005", at: age,
            "middleware \(name) caches preflights for \(seconds) s, over \(thresholds.corsMaxAge)")
        }
        for (header, value) in entries(headers["customRequestHeaders"])
        where ["authorization", "x-api-key", "api-key"].contains(header.lowercased()) {
          if let text = value.string, !text.isEmpty, !LiteralKey.isReference(text) {
            // The value is the credential: the message names the header only.
            report("GW-KEY-001", at: value, "middleware \(name) sets \(header) to a literal value")
          }
        }
      }
      for kind in ["basicAuth", "digestAuth"] {
        if let users = middleware[kind]?["users"], !users.array().isEmpty {
          report(
            "GW-KEY-001", at: users,
            "middleware \(name) lists \(kind) users and password hashes inline; use usersFile from a secret"
          )
        }
      }
    }
  }
}
