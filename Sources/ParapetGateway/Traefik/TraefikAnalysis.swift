import Foundation
import ParapetCore
import Yams

/// Runs the Traefik checks over one dynamic configuration document (YAML with `http.routers`,
/// `http.middlewares`, `http.services`, `tls.options`, `http.serversTransports`).
struct TraefikAnalysis {
  let node: Node
  /// The file, repo-relative.
  let path: String
  private(set) var findings: [Finding] = []

  /// For a TOML file, the way back from the generated nodes to its lines.
  let toml: TraefikTOML?
  /// The limits rules compare against (`[gateway]` in `.parapet.toml`).
  let thresholds: GatewayThresholds

  init(
    node: Node, path: String, toml: TraefikTOML? = nil,
    thresholds: GatewayThresholds = GatewayThresholds()
  ) {
    self.node = node
    self.path = path
    self.toml = toml
    self.thresholds = thresholds
  }

  /// Whether a YAML document is a Traefik dynamic configuration.
  static func isTraefik(_ node: Node) -> Bool {
    node["http"]?["routers"] != nil || node["http"]?["middlewares"] != nil || isStatic(node)
  }

  /// Whether a document is Traefik's static (install) configuration: entry points with
  /// providers, logs or the API.
  static func isStatic(_ node: Node) -> Bool {
    node["entryPoints"] != nil
      && (node["providers"] != nil || node["accessLog"] != nil || node["api"] != nil
        || node["log"] != nil)
  }

  mutating func report(
    _ id: String, at place: Node?, severity: Severity? = nil, _ message: String
  ) {
    guard let toml else {
      findings.append(
        GatewayFinding.make(
          id, path: path, node: place, document: node, severity: severity, format: "traefik",
          message))
      return
    }
    let (line, column) = toml.place(place?.mark ?? node.mark, value: place?.string)
    findings.append(
      GatewayFinding.make(
        id, path: path, line: line, column: column, length: place?.string?.utf8.count ?? 1,
        content: "traefik \(place?.string ?? "") \(message)", severity: severity, format: "traefik",
        message))
  }

  func entries(_ node: Node?) -> [(name: String, value: Node)] {
    (node?.mapping ?? [:]).compactMap { pair in pair.key.string.map { ($0, pair.value) } }
  }

  /// Runs every check.
  mutating func run() {
    let middlewares = Dictionary(
      entries(node["http"]?["middlewares"]).map { ($0.name, $0.value) },
      uniquingKeysWith: { first, _ in first })
    for (name, router) in entries(node["http"]?["routers"]) {
      let used = (router["middlewares"]?.array() ?? []).compactMap(\.string)
        .map { String($0.prefix { $0 != "@" }) }.compactMap { middlewares[$0] }
      if !used.contains(where: { $0["rateLimit"] != nil }) {
        report(
          "GW-RL-001", at: router["rule"] ?? router, "router \(name) uses no rateLimit middleware")
      }
      if router["tls"] == nil,
        !used.contains(where: { $0["redirectScheme"]?["scheme"]?.string == "https" })
      {
        report(
          "GW-TLS-002", at: router["rule"] ?? router, severity: .high,
          "router \(name) serves plain HTTP without a redirectScheme to https")
      }
      let headers = used.compactMap { $0["headers"] }
      if router["tls"] != nil {
        let nosniff = headers.contains { $0["contentTypeNosniff"]?.bool == true }
        let frames = headers.contains {
          $0["frameDeny"]?.bool == true || $0["customFrameOptionsValue"] != nil
        }
        let sts = headers.compactMap { $0["stsSeconds"]?.int }.max() ?? 0
        if sts < thresholds.hstsMinAge {
          report(
            "GW-TLS-003",
            at: headers.compactMap({ $0["stsSeconds"] }).first ?? router["rule"] ?? router,
            "router \(name) sends \(sts == 0 ? "no HSTS (stsSeconds)" : "HSTS for \(sts) s, under \(thresholds.hstsMinAge)")"
          )
        }
        if !nosniff || !frames {
          report(
            "GW-HDR-001", at: router["rule"] ?? router,
            "router \(name) has no headers middleware setting \(!nosniff ? "contentTypeNosniff" : "frameDeny")"
          )
        }
      }
      for header in headers {
        let origins = (header["accessControlAllowOriginList"]?.array() ?? []).compactMap(\.string)
        guard origins.contains("*") else { continue }
        let credentials = header["accessControlAllowCredentials"]?.bool == true
        report(
          credentials ? "GW-CORS-001" : "GW-CORS-002", at: header["accessControlAllowOriginList"],
          "router \(name) allows any origin\(credentials ? " with credentials" : "")")
      }
    }
    checkMiddlewares()
    if Self.isStatic(node) { checkStaticConfiguration() }
    for (name, option) in entries(node["tls"]?["options"]) {
      if let version = option["minVersion"],
        ["VersionTLS10", "VersionTLS11", "VersionSSL30"].contains(version.string ?? "")
      {
        report("GW-TLS-001", at: version, "tls option \(name) allows \(version.string ?? "")")
      }
    }
    for (name, transport) in entries(node["http"]?["serversTransports"]) {
      if let skip = transport["insecureSkipVerify"], skip.bool == true {
        report(
          "GW-MTLS-004", at: skip,
          "serversTransport \(name) skips upstream certificate verification")
      }
    }
    for (name, service) in entries(node["http"]?["services"]) {
      for server in service["loadBalancer"]?["servers"]?.array() ?? [] {
        guard let url = server["url"], let text = url.string else { continue }
        let host = UpstreamHost(text)
        if host.isMetadata {
          report("GW-SSRF-002", at: url, "service \(name) targets \(host.name)")
        } else if host.isLoopback {
          report("GW-SSRF-003", at: url, "service \(name) targets loopback \(host.name)")
        }
      }
    }
  }
}
