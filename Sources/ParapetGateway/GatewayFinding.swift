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

  /// A finding about a whole nginx block (a setting it lacks) with the same rule and message as
  /// others in its file (every `server` of a site file lacking the same header) is one finding,
  /// at its first place, listing the lines of the others: one thing to fix, not one per block.
  /// Its fingerprint is the first one's. A finding at a directive (a weak `ssl_protocols` in two
  /// servers) points at what to change, and stays one per place.
  static func grouped(_ findings: [Finding]) -> [Finding] {
    let groups = findings.grouped { finding -> String? in
      guard case .string(let directive)? = finding.properties["directive"],
        blockDirectives.contains(directive)
      else { return nil }
      return "\(finding.ruleId)\u{0}\(finding.location?.path ?? "")\u{0}\(finding.message)"
    }
    return groups.map { members in
      var first = members.min(by: inFileOrder) ?? members[0]
      let lines = Set(members.compactMap(\.location?.startLine))
        .subtracting([first.location?.startLine ?? 0]).sorted().map(String.init)
      guard let last = lines.last else { return first }
      let list = lines.count == 1 ? last : lines.dropLast().joined(separator: ", ") + " and " + last
      first.message += " (also at \(lines.count == 1 ? "line" : "lines") \(list))"
      first.properties["alsoAtLines"] = .strings(lines)
      return first
    }
  }

  private static let blockDirectives: Set<String> = ["http", "server", "location", "if"]

  /// Whether a finding comes before another in its file: by line, then column.
  private static func inFileOrder(_ left: Finding, _ right: Finding) -> Bool {
    (left.location?.startLine ?? 0, left.location?.startColumn ?? 0)
      < (right.location?.startLine ?? 0, right.location?.startColumn ?? 0)
  }

  /// Findings of one rule in one file with the same content (two servers with the same weak
  /// `ssl_protocols` line) would share a fingerprint, and accepting one in a baseline would
  /// accept all. From the second on, in file order, each gets its ordinal in its fingerprint,
  /// so each is accepted on its own and none depends on its line number.
  static func distinguishingRepeats(_ findings: [Finding]) -> [Finding] {
    let order = findings.indices.sorted { inFileOrder(findings[$0], findings[$1]) }
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
