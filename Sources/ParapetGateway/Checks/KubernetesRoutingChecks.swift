import Foundation
import Yams

extension KubernetesAnalysis {
  /// Step 4: an ExternalName Service is an upstream by DNS name; one naming the metadata
  /// service or loopback lets routed traffic reach the node.
  mutating func checkService(_ object: KubernetesObject) {
    guard object.node["spec"]?["type"]?.string == "ExternalName",
      let name = object.node["spec"]?["externalName"], let target = name.string
    else { return }
    checkUpstream(object, at: name, target, field: "externalName")
  }

  /// Step 4 for an upstream named in an object: the metadata service, or loopback.
  private mutating func checkUpstream(
    _ object: KubernetesObject, at node: Node, _ target: String, field: String
  ) {
    let host = UpstreamHost(target)
    if host.isMetadata {
      report("GW-SSRF-002", object, at: node, "\(field) \(target) is the cloud metadata service")
    } else if host.isLoopback {
      report("GW-SSRF-003", object, at: node, "\(field) \(target) is loopback")
    }
  }

  /// Step 1 for a Gateway API Gateway: a plain-HTTP listener that no HTTPRoute redirects to
  /// HTTPS, and an HTTPS listener without certificates.
  mutating func checkGateway(_ object: KubernetesObject) {
    let redirects = objects.contains { route in
      route.kind == "HTTPRoute"
        && (route.node["spec"]?["parentRefs"]?.array() ?? []).contains {
          $0["name"]?.string == object.name
        }
        && Self.filters(of: route).contains {
          $0["type"]?.string == "RequestRedirect"
            && $0["requestRedirect"]?["scheme"]?.string == "https"
        }
    }
    for listener in object.node["spec"]?["listeners"]?.array() ?? [] {
      let name = listener["name"]?.string ?? "unnamed"
      switch listener["protocol"]?.string {
      case "HTTP" where !redirects:
        report(
          "GW-TLS-002", object, at: listener["protocol"], severity: .high,
          "listener \(name) serves plain HTTP and no HTTPRoute redirects it to HTTPS")
      case "HTTPS"
      where listener["tls"]?["mode"]?.string != "Passthrough"
        && (listener["tls"]?["certificateRefs"]?.array() ?? []).isEmpty:
        report(
          "GW-TLS-002", object, at: listener["protocol"], severity: .high,
          "HTTPS listener \(name) names no certificateRefs")
      default: break
      }
    }
  }

  /// Step 2 for an HTTPRoute's CORS filters (Gateway API 1.2 and later).
  mutating func checkHTTPRoute(_ object: KubernetesObject) {
    for filter in Self.filters(of: object) where filter["type"]?.string == "CORS" {
      guard let cors = filter["cors"] else { continue }
      checkCORSPolicy(
        object, origins: cors["allowOrigins"], credentials: cors["allowCredentials"]?.bool == true,
        headers: cors["allowHeaders"], maxAge: cors["maxAge"], anchor: filter["type"])
    }
  }

  /// Step 6 for a Gateway API BackendTLSPolicy that names nothing to validate against.
  mutating func checkBackendTLSPolicy(_ object: KubernetesObject) {
    let validation = object.node["spec"]?["validation"]
    if (validation?["caCertificateRefs"]?.array() ?? []).isEmpty
      && validation?["wellKnownCACertificates"] == nil
    {
      report(
        "GW-MTLS-004", object, at: validation ?? object.node["spec"],
        "validation names no caCertificateRefs and no wellKnownCACertificates")
    }
  }

  /// Step 6 for an Istio AuthorizationPolicy that allows any caller: an ALLOW rule with no
  /// source, or sources of any principal.
  mutating func checkAuthorizationPolicy(_ object: KubernetesObject) {
    let spec = object.node["spec"]
    guard (spec?["action"]?.string ?? "ALLOW") == "ALLOW" else { return }
    for rule in spec?["rules"]?.array() ?? [] {
      let sources = (rule["from"]?.array() ?? []).compactMap { $0["source"] }
      let anyone =
        sources.isEmpty && rule["when"] == nil
        || sources.contains { source in
          (source["principals"]?.array() ?? []).contains { $0.string == "*" }
            || (source["namespaces"]?.array() ?? []).contains { $0.string == "*" }
        }
      if anyone {
        report(
          "GW-MTLS-005", object, at: rule["from"] ?? rule,
          "an ALLOW rule matches any caller, authenticated or not")
      }
    }
  }

  /// Steps 2, 3 and 4 for the STOA gateway's Tool resource (gostoa.dev): its upstream, its CORS
  /// policy, and whether any rate_limit Policy exists beside it.
  mutating func checkSTOATool(_ object: KubernetesObject) {
    let spec = object.node["spec"]
    if let endpoint = spec?["endpoint"], let target = endpoint.string {
      checkUpstream(object, at: endpoint, target, field: "endpoint")
    }
    if let cors = spec?["cors"] {
      checkCORSPolicy(
        object, origins: cors["allowOrigins"], credentials: cors["allowCredentials"]?.bool == true,
        headers: cors["allowHeaders"], maxAge: cors["maxAge"], anchor: cors)
    }
    let limited = objects.contains {
      $0.kind == "Policy" && $0.apiVersion.hasPrefix("gostoa.dev/")
        && $0.node["spec"]?["type"]?.string == "rate_limit"
    }
    if !limited {
      report(
        "GW-RL-001", object, at: object.node["metadata"]?["name"],
        "no STOA Policy of type rate_limit is defined beside the Tool")
    }
  }

  /// A CORS policy written as lists (Gateway API, STOA): wildcard origins, weak entries, `*`
  /// headers, a long preflight cache.
  private mutating func checkCORSPolicy(
    _ object: KubernetesObject, origins: Node?, credentials: Bool, headers: Node?, maxAge: Node?,
    anchor: Node?
  ) {
    let entries = (origins?.array() ?? []).compactMap(\.string)
    if entries.isEmpty || entries.contains("*") {
      report(
        credentials ? "GW-CORS-001" : "GW-CORS-002", object, at: origins ?? anchor,
        "CORS allows any origin\(credentials ? " with credentials" : "")")
    }
    for (index, entry) in entries.enumerated() {
      if let weakness = CORSOrigin.weakness(entry) {
        report("GW-CORS-004", object, at: origins?.array()[index], "the allowlist \(weakness)")
      }
    }
    if (headers?.array() ?? []).contains(where: { $0.string == "*" }) {
      report("GW-CORS-005", object, at: headers, "allowed headers are \"*\"")
    }
    if let age = maxAge?.int, age > thresholds.corsMaxAge {
      report(
        "GW-CORS-005", object, at: maxAge,
        "preflights are cached for \(age) s, over \(thresholds.corsMaxAge)")
    }
  }

  private static func filters(of route: KubernetesObject) -> [Node] {
    (route.node["spec"]?["rules"]?.array() ?? []).flatMap { $0["filters"]?.array() ?? [] }
  }
}
