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
        report("GW-RL-001", at: pass, "location \(path) proxies with no limit_req in force")
      }
    }
    if let (first, scope) = uses.first {
      let status = scope.effective("limit_req_status")?.values.first
      if status != "429" {
        report(
          "GW-RL-004", at: scope.effective("limit_req_status") ?? first,
          "rejected requests get \(status ?? "503 (the default)")")
      }
    }
  }
}
