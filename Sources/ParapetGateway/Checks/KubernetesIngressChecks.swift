import Foundation
import Yams

extension KubernetesAnalysis {
  private static let prefix = "nginx.ingress.kubernetes.io/"
  /// ingress-nginx controller ConfigMap keys that do nothing as Ingress annotations.
  private static let configMapOnly: Set<String> = [
    "ssl-protocols", "hsts", "hsts-max-age", "hsts-include-subdomains", "hsts-preload",
  ]
  private static let snippets: Set<String> = [
    "configuration-snippet", "server-snippet", "auth-snippet", "stream-snippet",
    "modsecurity-snippet",
  ]
  private static let rateLimits: Set<String> = [
    "limit-rps", "limit-rpm", "limit-connections", "global-rate-limit",
  ]

  /// Steps 1, 2, 3, 6 and 10 for an ingress-nginx Ingress.
  mutating func checkIngress(_ object: KubernetesObject) {
    var annotations: [String: Node] = [:]
    for (key, value) in object.annotations where key.hasPrefix(Self.prefix) {
      let name = String(key.dropFirst(Self.prefix.count))
      annotations[name] = value
      if Self.configMapOnly.contains(name) {
        report(
          "GW-TLS-004", object, at: value,
          "\(key) is a controller ConfigMap key (\(name)); on an Ingress it is ignored")
      }
      if Self.snippets.contains(name) {
        report("GW-SCAN-002", object, at: value, "\(key) injects raw nginx configuration")
      }
    }
    let tlsHosts = Set(
      (object.node["spec"]?["tls"]?.array() ?? []).flatMap {
        ($0["hosts"]?.array() ?? []).compactMap(\.string)
      })
    for rule in object.node["spec"]?["rules"]?.array() ?? [] {
      if let host = rule["host"], let name = host.string, !tlsHosts.contains(name) {
        report(
          "GW-TLS-002", object, at: host, severity: .high,
          "host \(name) is served without TLS (no spec.tls entry)")
      }
    }
    if annotations["enable-cors"]?.string == "true" {
      let origin = annotations["cors-allow-origin"]?.string ?? "*"
      let credentials = annotations["cors-allow-credentials"]?.string != "false"
      if origin.split(separator: ",").contains(where: {
        $0.trimmingCharacters(in: .whitespaces) == "*"
      }) {
        report(
          credentials ? "GW-CORS-001" : "GW-CORS-002", object,
          at: annotations["cors-allow-origin"] ?? annotations["enable-cors"],
          credentials
            ? "CORS allows any origin (cors-allow-origin \(origin)) with credentials (the default)"
            : "CORS allows any origin")
      }
    }
    if Self.rateLimits.isDisjoint(with: annotations.keys) {
      report(
        "GW-RL-001", object, at: object.node["metadata"]?["name"],
        "no limit-rps, limit-rpm, limit-connections or global-rate-limit annotation")
    }
    checkIngressDetails(object, annotations)
    if let verify = annotations["auth-tls-verify-client"], verify.string == "optional_no_ca" {
      report(
        "GW-MTLS-002", object, at: verify,
        "auth-tls-verify-client optional_no_ca accepts any certificate")
    } else if let verify = annotations["auth-tls-verify-client"],
      annotations["auth-tls-secret"] == nil,
      verify.string != "off"
    {
      report(
        "GW-MTLS-002", object, at: verify, "auth-tls-verify-client is set without auth-tls-secret")
    }
  }

  /// Step 9: a Namespace that does not enforce the restricted Pod Security Standard.
  mutating func checkNamespace(_ object: KubernetesObject) {
    let label = object.node["metadata"]?["labels"]?["pod-security.kubernetes.io/enforce"]
    if label?.string != "restricted" {
      report(
        "GW-CTR-005", object, at: label ?? object.node["metadata"]?["name"],
        "pod-security.kubernetes.io/enforce is \(label?.string ?? "not set"), not restricted")
    }
  }

  /// Step 6: Istio PeerAuthentication that lets plaintext through.
  mutating func checkPeerAuthentication(_ object: KubernetesObject) {
    guard let mode = object.node["spec"]?["mtls"]?["mode"], let value = mode.string,
      value == "PERMISSIVE" || value == "DISABLE"
    else { return }
    report("GW-MTLS-005", object, at: mode, "mTLS mode \(value) accepts plaintext")
  }
}
