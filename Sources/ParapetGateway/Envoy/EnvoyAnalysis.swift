import Foundation
import ParapetCore
import Yams

/// Runs the Envoy checks over a static bootstrap (YAML with `static_resources`): listeners with
/// their TLS transport sockets and HTTP connection managers, and clusters.
struct EnvoyAnalysis {
  let node: Node
  /// The file, repo-relative.
  let path: String
  private(set) var findings: [Finding] = []

  private static let obsolete: Set<String> = ["TLSv1_0", "TLSv1_1", "TLS_AUTO"]

  /// The limits rules compare against (`[gateway]` in `.parapet.toml`).
  let thresholds: GatewayThresholds

  init(node: Node, path: String, thresholds: GatewayThresholds = GatewayThresholds()) {
    self.node = node
    self.path = path
    self.thresholds = thresholds
  }

  /// Whether a YAML document is an Envoy bootstrap.
  static func isEnvoy(_ node: Node) -> Bool {
    node["static_resources"] != nil
  }

  mutating func report(
    _ id: String, at place: Node?, severity: Severity? = nil, _ message: String
  ) {
    findings.append(
      GatewayFinding.make(
        id, path: path, node: place, document: node, severity: severity, format: "envoy", message))
  }

  /// Runs every check.
  mutating func run() {
    for listener in node["static_resources"]?["listeners"]?.array() ?? [] {
      let name = listener["name"]?.string ?? "unnamed"
      for chain in listener["filter_chains"]?.array() ?? [] {
        let tls = chain["transport_socket"]?["typed_config"]?["common_tls_context"]
        if chain["transport_socket"] == nil {
          report(
            "GW-TLS-002", at: listener["name"] ?? listener, severity: .high,
            "listener \(name) has a filter chain without TLS")
        }
        if let minimum = tls?["tls_params"]?["tls_minimum_protocol_version"],
          Self.obsolete.contains(minimum.string ?? "")
        {
          report("GW-TLS-001", at: minimum, "listener \(name) accepts \(minimum.string ?? "")")
        }
        for filter in chain["filters"]?.array() ?? [] {
          guard let manager = filter["typed_config"],
            filter["name"]?.string?.hasSuffix("http_connection_manager") == true
          else { continue }
          checkConnectionManager(manager, listener: name, at: filter["name"])
        }
      }
    }
    for cluster in node["static_resources"]?["clusters"]?.array() ?? [] {
      checkCluster(cluster)
    }
  }

  private mutating func checkConnectionManager(_ manager: Node, listener: String, at place: Node?) {
    let filters = (manager["http_filters"]?.array() ?? []).compactMap { $0["name"]?.string }
    if !filters.contains(where: {
      $0.hasSuffix("local_ratelimit") || $0.hasSuffix("http.ratelimit")
    }) {
      report(
        "GW-RL-001", at: place,
        "listener \(listener) has no local_ratelimit or ratelimit HTTP filter")
    }
    if (manager["access_log"]?.array() ?? []).isEmpty {
      report("GW-LOG-001", at: place, "listener \(listener) writes no access log")
    }
    checkResponseHeaders(manager["route_config"], listener: listener, at: place)
    for host in manager["route_config"]?["virtual_hosts"]?.array() ?? [] {
      checkVirtualHost(host)
      let cors = host["cors"] ?? host["typed_per_filter_config"]?["envoy.filters.http.cors"]
      for origin in cors?["allow_origin_string_match"]?.array() ?? [] {
        let pattern = origin["safe_regex"]?["regex"]?.string ?? origin["prefix"]?.string
        if pattern == ".*" || pattern == "" {
          let credentials = cors?["allow_credentials"]?.bool == true
          report(
            credentials ? "GW-CORS-001" : "GW-CORS-002",
            at: origin["safe_regex"]?["regex"] ?? origin["prefix"],
            "virtual host \(host["name"]?.string ?? "?") allows any origin\(credentials ? " with credentials" : "")"
          )
        }
      }
    }
  }

  private mutating func checkCluster(_ cluster: Node) {
    let name = cluster["name"]?.string ?? "unnamed"
    if let socket = cluster["transport_socket"] {
      let context = socket["typed_config"]?["common_tls_context"]
      if context?["validation_context"] == nil
        && context?["validation_context_sds_secret_config"] == nil
      {
        report(
          "GW-MTLS-004", at: socket["name"] ?? socket,
          "cluster \(name) does not validate the upstream's certificate")
      }
    }
    let endpoints = (cluster["load_assignment"]?["endpoints"]?.array() ?? []).flatMap {
      $0["lb_endpoints"]?.array() ?? []
    }
    for endpoint in endpoints {
      guard let address = endpoint["endpoint"]?["address"]?["socket_address"]?["address"],
        let host = address.string
      else { continue }
      if UpstreamHost(host).isMetadata {
        report("GW-SSRF-002", at: address, "cluster \(name) targets \(host)")
      } else if UpstreamHost(host).isLoopback {
        report("GW-SSRF-003", at: address, "cluster \(name) targets loopback \(host)")
      }
    }
  }
}
