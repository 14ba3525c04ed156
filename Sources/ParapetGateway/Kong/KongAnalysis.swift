import Foundation
import ParapetCore
import Yams

/// Runs the Kong checks over one declarative document.
struct KongAnalysis {
  let document: KongDocument
  private(set) var findings: [Finding] = []

  private static let loggers: Set<String> = [
    "file-log", "http-log", "tcp-log", "udp-log", "syslog", "opentelemetry", "datadog", "loggly",
    "kafka-log",
  ]
  private static let credentialFields: [(list: String, field: String)] = [
    ("keyauth_credentials", "key"), ("basicauth_credentials", "password"),
    ("jwt_secrets", "secret"), ("hmacauth_credentials", "secret"),
    ("oauth2_credentials", "client_secret"),
  ]

  /// The limits rules compare against (`[gateway]` in `.parapet.toml`).
  let thresholds: GatewayThresholds

  init(document: KongDocument, thresholds: GatewayThresholds = GatewayThresholds()) {
    self.document = document
    self.thresholds = thresholds
  }

  mutating func report(
    _ id: String, at node: Node?, severity: Severity? = nil, _ message: String
  ) {
    findings.append(
      GatewayFinding.make(
        id, path: document.path, node: node, document: document.node, severity: severity,
        format: "kong", message))
  }

  /// Runs every check.
  mutating func run() {
    for route in document.routes {
      checkRoute(route)
    }
    for (consumer, plugin) in document.consumerPlugins {
      checkConsumerPlugin(plugin, consumer: consumer)
    }
    for service in document.services {
      checkService(service)
    }
    checkConsumers()
    if !document.globalPlugins.contains(where: { $0["name"]?.string == "correlation-id" }) {
      report("GW-LOG-005", at: document.node["_format_version"], "no global correlation-id plugin")
    }
  }

  private mutating func checkRoute(_ route: KongDocument.Route) {
    let name = route.node["name"]?.string ?? "unnamed"
    let plugins = document.plugins(for: route)
    if plugins["rate-limiting"] == nil && plugins["rate-limiting-advanced"] == nil {
      let consumers = document.consumerPlugins.filter {
        $0.plugin["name"]?.string?.hasPrefix("rate-limiting") == true
      }.map(\.consumer)
      report(
        "GW-RL-001", at: route.node["name"] ?? route.node,
        "route \(name) is covered by no rate-limiting plugin"
          + (consumers.isEmpty
            ? ""
            : " (the limits of consumers \(consumers.joined(separator: ", ")) leave anonymous callers unlimited)")
      )
    }
    if let keyAuth = plugins["key-auth"], keyAuth["config"]?["key_in_query"]?.bool != false {
      report(
        "GW-KEY-002", at: keyAuth["config"]?["key_in_query"] ?? keyAuth,
        "route \(name): key_in_query is \(keyAuth["config"]?["key_in_query"]?.bool == true ? "true" : "unset (true)")"
      )
    }
    if let jwt = plugins["jwt"] {
      let claims = (jwt["config"]?["claims_to_verify"]?.array() ?? []).compactMap(\.string)
      if !claims.contains("exp") {
        report(
          "GW-KEY-003", at: jwt, severity: .high,
          "route \(name): the jwt plugin does not verify exp")
      }
      let maximum = jwt["config"]?["maximum_expiration"]
      let seconds = maximum?.int ?? 0
      if seconds == 0 || seconds > thresholds.jwtMaxExpiration {
        report(
          "GW-KEY-003", at: maximum ?? jwt,
          "route \(name): the jwt plugin's maximum_expiration is \(seconds == 0 ? "0 (no limit)" : "\(seconds) s"), over \(thresholds.jwtMaxExpiration)"
        )
      }
    }
    checkRoutePolicies(route, plugins: plugins)
    let protocols = (route.node["protocols"]?.array() ?? []).compactMap(\.string)
    let redirect = route.node["https_redirect_status_code"]?.int
    if (protocols.isEmpty || protocols.contains("http")) && redirect != 301 && redirect != 308 {
      report(
        "GW-TLS-002", at: route.node["protocols"] ?? route.node["name"] ?? route.node,
        severity: .high,
        "route \(name) accepts plain HTTP without a 301/308 redirect to HTTPS")
    }
  }

  private mutating func checkService(_ service: Node) {
    let name = service["name"]?.string ?? "unnamed"
    let url = service["url"]?.string ?? ""
    let https = service["protocol"]?.string == "https" || url.hasPrefix("https://")
    if https && service["tls_verify"]?.bool != true {
      report(
        "GW-MTLS-004", at: service["tls_verify"] ?? service["url"] ?? service,
        "service \(name) does not verify the upstream's certificate (tls_verify)")
    }
    let host = UpstreamHost(service["host"]?.string ?? url)
    if host.isMetadata {
      report(
        "GW-SSRF-002", at: service["url"] ?? service["host"],
        "service \(name) targets \(host.name)")
    } else if host.isLoopback {
      report(
        "GW-SSRF-003", at: service["url"] ?? service["host"],
        "service \(name) targets loopback \(host.name)")
    }
    let serviceLoggers = document.plugins(of: service, kind: "service") + document.globalPlugins
    if !serviceLoggers.contains(where: { Self.loggers.contains($0["name"]?.string ?? "") }) {
      report(
        "GW-LOG-001", at: service["name"] ?? service,
        "service \(name) has no logging plugin, its own or global")
    }
  }

  private mutating func checkConsumers() {
    for consumer in document.node["consumers"]?.array() ?? [] {
      let name = consumer["username"]?.string ?? consumer["custom_id"]?.string ?? "unnamed"
      for (list, field) in Self.credentialFields {
        for credential in consumer[list]?.array() ?? [] {
          if list == "keyauth_credentials" { checkCredential(credential, consumer: name) }
          guard let value = credential[field], let text = value.string, !text.hasPrefix("{vault://")
          else { continue }
          // The value is the credential: the message names where it is only.
          report(
            "GW-KEY-001", at: value,
            "consumer \(name): \(list) \(field) is written in the file, not a vault reference")
        }
      }
    }
  }
}
