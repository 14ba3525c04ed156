import ParapetCore

/// What a git hook prints when it stops a commit or a push: each finding that blocks it (its
/// place, rule and masked value), the exact line that would let it through (an inline comment,
/// or its `.parapetignore` entry), and `--no-verify` as the deliberate escape. A hook that lets
/// the change through prints nothing.
public enum HookReportWriter {
  /// The text, or nothing when no finding blocks.
  /// - Parameters:
  ///   - blocking: the findings that fail the run, in report order.
  ///   - action: `commit` or `push`.
  /// - Returns: the text, ending in a newline, or an empty string.
  public static func render(_ blocking: [Finding], action: String) -> String {
    guard !blocking.isEmpty else { return "" }
    let count = blocking.count
    var lines = [
      "parapet: stopped the \(action): \(count) \(count == 1 ? "finding" : "findings") at or above the fail-on severity"
    ]
    for finding in blocking {
      let place = finding.location.map { "\($0.path):\($0.startLine)" } ?? finding.job
      let value =
        finding.properties["secret"].flatMap { value -> String? in
          if case .string(let text) = value { return " '\(text)'" }
          return nil
        } ?? ""
      lines.append("")
      lines.append("  \(place)  \(finding.severity.rawValue) \(finding.ruleId)\(value)")
      lines.append("    \(finding.message)")
      if finding.ruleId.hasPrefix("GW-") {
        lines.append(
          "    to accept it, put this comment on the line (or alone on the line before):")
        lines.append("      # parapet:ignore \(finding.ruleId) <why it is acceptable>")
      } else if finding.job == "secrets" {
        lines.append("    to accept it, put `parapet:allow` in a comment on the line")
      }
      lines.append("    or add this line to .parapetignore:")
      lines.append("      \(finding.fingerprint)  # \(finding.ruleId) \(place)")
    }
    lines += ["", "To \(action) anyway, once, skipping every hook: git \(action) --no-verify"]
    return TerminalText.escaped(lines.joined(separator: "\n")) + "\n"
  }
}
