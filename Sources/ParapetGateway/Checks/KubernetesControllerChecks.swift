import Foundation
import Yams

extension KubernetesAnalysis {
  /// Keys only the ingress-nginx controller's ConfigMap has; one of them marks the ConfigMap.
  private static let controllerKeys: Set<String> = [
    "allow-snippet-annotations", "use-forwarded-headers", "ssl-protocols", "ssl-ciphers", "hsts",
    "hsts-max-age", "log-format-upstream", "log-format-escape-json", "server-tokens",
    "limit-req-status-code", "disable-access-log", "enable-modsecurity", "proxy-body-size",
    "add-headers", "enable-real-ip",
  ]

  /// Whether a ConfigMap configures the ingress-nginx controller: by name, or by its keys.
  static func isControllerConfigMap(_ object: KubernetesObject) -> Bool {
    guard object.kind == "ConfigMap" else { return false }
    let keys = Set((object.node["data"]?.mapping ?? [:]).compactMap(\.key.string))
    return object.name.contains("ingress-nginx") || object.name == "nginx-configuration"
      || !keys.isDisjoint(with: controllerKeys)
  }

  /// Steps 1, 3, 5, 8 and 10 for the ingress-nginx controller ConfigMap: the settings an
  /// Ingress cannot make (protocols, HSTS, rejection status, version disclosure, access logs,
  /// the log format, snippet annotations).
  mutating func checkControllerConfigMap(_ object: KubernetesObject) {
    let data = object.node["data"]
    func value(_ key: String) -> (node: Node, text: String)? {
      data?[key].flatMap { node in node.string.map { (node, $0) } }
    }
    let anchor = object.node["metadata"]?["name"]
    if let (node, text) = value("ssl-protocols") {
      let obsolete = NginxVocabulary.obsoleteProtocols(text.split(separator: " ").map(String.init))
      if !obsolete.isEmpty {
        report(
          "GW-TLS-001", object, at: node,
          severity: obsolete.contains { $0.hasPrefix("SSL") } ? .critical : nil,
          "ssl-protocols enables \(obsolete.joined(separator: ", "))")
      }
    }
    if let (node, text) = value("ssl-ciphers") {
      let weak = NginxVocabulary.weakSuites(text)
      if !weak.isEmpty {
        report("GW-TLS-005", object, at: node, "ssl-ciphers allows \(weak.joined(separator: ", "))")
      }
    }
    if let (node, text) = value("hsts"), text == "false" {
      report("GW-TLS-003", object, at: node, "hsts is false: no Strict-Transport-Security is sent")
    }
    if let (node, text) = value("hsts-max-age"), let age = Int(text), age < thresholds.hstsMinAge {
      report(
        "GW-TLS-003", object, at: node, "hsts-max-age is \(age), under \(thresholds.hstsMinAge)")
    }
    let status = value("limit-req-status-code")
    if status?.text != "429" {
      report(
        "GW-RL-004", object, at: status?.node ?? anchor,
        "rate-limited requests get \(status?.text ?? "503 (limit-req-status-code is unset)")")
    }
    if let (node, text) = value("server-tokens"), text == "true" {
      report("GW-HDR-005", object, at: node, "server-tokens is true: the nginx version is sent")
    }
    if let (node, text) = value("disable-access-log"), text == "true" {
      report("GW-LOG-001", object, at: node, "disable-access-log is true")
    }
    if let (node, text) = value("log-format-upstream") {
      let missing = NginxVocabulary.missingAuditFields(text)
      if !missing.isEmpty {
        report(
          "GW-LOG-002", object, at: node,
          "log-format-upstream has no \(missing.joined(separator: ", "))")
      }
      let leaked = NginxVocabulary.loggedCredentials(text)
      if !leaked.isEmpty {
        report(
          "GW-LOG-003", object, at: node,
          "log-format-upstream logs \(leaked.joined(separator: ", "))")
      }
      if text.trimmingCharacters(in: .whitespaces).hasPrefix("{"),
        value("log-format-escape-json")?.text != "true"
      {
        report(
          "GW-LOG-004", object, at: node,
          "log-format-upstream writes JSON without log-format-escape-json")
      }
    }
    if let (node, text) = value("allow-snippet-annotations"), text == "true" {
      report(
        "GW-SCAN-002", object, at: node,
        "allow-snippet-annotations is true: any Ingress author can inject nginx configuration")
    }
    if let (node, reference) = value("add-headers") {
      let name = reference.split(separator: "/").last.map(String.init) ?? reference
      if let headers = objects.first(where: { $0.kind == "ConfigMap" && $0.name == name }) {
        let keys = Set(
          (headers.node["data"]?.mapping ?? [:]).compactMap { $0.key.string?.lowercased() })
        let missing = ResponseHeaders.requiredLowercased.filter { !keys.contains($0) }
        if !missing.isEmpty {
          report(
            "GW-HDR-001", object, at: node,
            "the add-headers ConfigMap \(name) sets no \(missing.joined(separator: ", "))")
        }
      }
    }
  }
}
