import ParapetCore
import Yams

/// A gateway finding at a place in a configuration file, with its rule's checklist step.
enum GatewayFinding {
  /// Makes a finding; the fingerprint comes from the rule, the file, the flagged content and
  /// the message, never from line numbers.
  static func make(
    _ id: String, path: String, line: Int, column: Int, length: Int, content: String,
    severity: Severity?, format: String, _ message: String
  ) -> Finding {
    let (rule, step) = GatewayRules.rule(id)
    return Finding(
      job: "gateway", ruleId: id, severity: severity ?? rule.severity,
      message: "\(rule.title): \(message)",
      location: Location(
        path: path, startLine: line, startColumn: column, endLine: line,
        endColumn: column + max(length, 1)),
      fingerprint: Fingerprint.make(
        ruleId: id, path: path,
        contentDigest: Fingerprint.sha256Hex(Array("\(content)|\(message)".utf8))),
      properties: ["step": .int(step), "format": .string(format)])
  }

  /// A finding at a YAML node (its mark), or at the document when the node is missing: what the
  /// Kubernetes, Kong, Traefik and Envoy checks report.
  static func make(
    _ id: String, path: String, node: Node?, document: Node, severity: Severity?, format: String,
    _ message: String
  ) -> Finding {
    let mark = node?.mark ?? document.mark
    return make(
      id, path: path, line: mark?.line ?? 1, column: mark?.column ?? 1,
      length: node?.string?.utf8.count ?? 1, content: "\(format) \(mark?.line ?? 0) \(message)",
      severity: severity, format: format, message)
  }
}
