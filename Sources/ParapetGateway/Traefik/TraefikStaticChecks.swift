import Yams

extension TraefikAnalysis {
  /// Steps 6 and 8 for Traefik's static configuration: the API and dashboard served without
  /// authentication, no access log, and access logs that keep credential headers.
  mutating func checkStaticConfiguration() {
    if let insecure = node["api"]?["insecure"], insecure.bool == true {
      report(
        "GW-MTLS-001", at: insecure,
        "api.insecure serves the API and dashboard on the traefik entry point without authentication"
      )
    }
    guard let accessLog = node["accessLog"] else {
      report(
        "GW-LOG-001", at: node["entryPoints"],
        "no accessLog section: Traefik writes no access log")
      return
    }
    let names = accessLog["fields"]?["headers"]?["names"]
    let defaultMode = accessLog["fields"]?["headers"]?["defaultMode"]?.string
    for header in ["Authorization", "Cookie", "X-Api-Key"] {
      let mode = names?[header]?.string ?? names?[header.lowercased()]?.string ?? defaultMode
      if mode == "keep" {
        report(
          "GW-LOG-003", at: names?[header] ?? accessLog["fields"]?["headers"]?["defaultMode"],
          "the access log keeps the \(header) header")
      }
    }
  }
}
