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
      length: node?.string?.utf8.count ?? 1, content: "\(format) \(node?.string ?? "") \(message)",
      severity: severity, format: format, message)
  }

  /// Findings of one rule in one file with the same content (two servers with the same weak
  /// `ssl_protocols` line) would share a fingerprint, and accepting one in a baseline would
  /// accept all. From the second on, in file order, each gets its ordinal in its fingerprint,
  /// so each is accepted on its own and none depends on its line number.
  static func distinguishingRepeats(_ findings: [Finding]) -> [Finding] {
    let order = findings.indices.sorted {
      let (left, right) = (findings[$0].location, findings[$1].location)
      return (left?.startLine ?? 0, left?.startColumn ?? 0)
        < (right?.startLine ?? 0, right?.startColumn ?? 0)
    }
    var seen: [String: Int] = [:]
    var result = findings
    for index in order {
      let finding = findings[index]
      let count = seen[finding.fingerprint, default: 0] + 1
      seen[finding.fingerprint] = count
      guard count > 1 else { continue }
      result[index].fingerprint = Fingerprint.make(
        ruleId: finding.ruleId, path: finding.location?.path ?? "",
        contentDigest: "\(finding.fingerprint)#\(count)")
    }
    return result
  }
}
