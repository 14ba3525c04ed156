extension NginxAnalysis {
  /// Step 3: proxied locations without limit_req, undefined zones, the rejection status.
  mutating func checkRateLimits() {
    let zones = Set(
      everywhere("limit_req_zone").compactMap { entry in
        entry.directive.values.first { $0.hasPrefix("zone=") }.map {
          String($0.dropFirst(5).prefix { $0 != ":" })
        }
      })
    let uses = everywhere("limit_req")
    for (directive, _) in uses {
      guard let zone = directive.values.first(where: { $0.hasPrefix("zone=") })?.dropFirst(5)
      else { continue }
      if !zones.contains(String(zone)) {
        report(
          "GW-RL-002", at: directive, argument: 0, "no limit_req_zone defines the zone '\(zone)'")
      }
    }
    for server in servers {
      for location in server.descendants(["location"]) {
        guard
          let pass = location.directive.child("proxy_pass")
            ?? location.directive.child("grpc_pass"),
          location.inherited("limit_req").isEmpty
        else { continue }
        let path = location.directive.values.joined(separator: " ")
        reportAbsence(
          "GW-RL-001", in: location, at: pass, "location \(path) proxies with no limit_req in force"
        )
      }
    }
    checkAuthenticationLimits()
    if let (first, scope) = uses.first {
      let status = scope.effective("limit_req_status")?.values.first
      if status != "429" {
        report(
          "GW-RL-004", at: scope.effective("limit_req_status") ?? first,
          "rejected requests get \(status ?? "503 (the default)")")
      }
    }
  }

  /// Authentication locations: a limit looser than the threshold per minute (GW-RL-003), or one
  /// keyed on the client address behind authentication (GW-RL-005).
  private mutating func checkAuthenticationLimits() {
    var zones: [String: NginxDirective] = [:]
    for (directive, _) in everywhere("limit_req_zone") {
      if let zone = directive.values.first(where: { $0.hasPrefix("zone=") }) {
        zones[String(zone.dropFirst(5).prefix { $0 != ":" })] = directive
      }
    }
    for server in servers {
      for location in server.descendants(["location"]) {
        let path = location.directive.values.joined(separator: " ")
        let authenticated =
          location.effective("auth_request") != nil || location.effective("auth_jwt") != nil
          || (location.effective("auth_basic").map { $0.values.first != "off" } ?? false)
        let authenticates = AuthPath.matches(path)
        guard authenticated || authenticates else { continue }
        for limit in location.inherited("limit_req") {
          guard let name = limit.values.first(where: { $0.hasPrefix("zone=") })?.dropFirst(5),
            let zone = zones[String(name)]
          else { continue }
          let rate = zone.values.first { $0.hasPrefix("rate=") } ?? ""
          if authenticates, let perMinute = AuthPath.perMinute(nginxRate: rate),
            perMinute > Double(thresholds.authRequestsPerMinute)
          {
            report(
              "GW-RL-003", at: limit, argument: 0,
              "location \(path) authenticates under zone \(name) (\(rate.dropFirst(5)), \(zone.path):\(zone.line)), over \(thresholds.authRequestsPerMinute) per minute"
            )
          }
          let key = zone.values.first ?? ""
          if authenticated, key == "$binary_remote_addr" || key == "$remote_addr" {
            report(
              "GW-RL-005", at: limit, argument: 0,
              "location \(path) authenticates callers but zone \(name) counts by client address (\(zone.path):\(zone.line))"
            )
          }
        }
      }
    }
  }
}
