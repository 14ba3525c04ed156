import Foundation
import ParapetCore

/// A Markdown report for GitHub step summaries and merge request comments: the jobs table, then
/// each job's findings, most severe first, and its warnings. Both places cap the text (GitHub
/// refuses a step summary over 1 MiB, GitLab a comment over 1,000,000 characters, and readers
/// give up much earlier), so it stops at 65,000 characters with a pointer to the full report.
public enum MarkdownWriter {
  /// The most characters written.
  public static let maximumCharacters = 65_000

  /// The report's text.
  /// - Parameters:
  ///   - report: the run.
  ///   - fullReport: what to point at when the text is cut (`parapet.json`, the SARIF upload).
  ///   - limit: the most characters written.
  /// - Returns: Markdown, ending in a newline.
  public static func render(
    _ report: RunReport, fullReport: String = "the JSON report", limit: Int = maximumCharacters
  ) -> String {
    let total = report.findings.count
    var head = [
      "## Parapet: \(total) \(total == 1 ? "finding" : "findings")\(counts(report.findings))", "",
    ]
    head += table(report) + [""]
    var text = head.joined(separator: "\n") + "\n"
    let ending = { (left: Int) in
      "\n_… \(left) more \(left == 1 ? "finding" : "findings") not shown here: see \(fullReport)._\n"
    }
    var shown = 0
    for result in report.results where !result.findings.isEmpty || !warnings(result).isEmpty {
      var section = ["### \(result.job)", ""]
      for notice in warnings(result) {
        section.append(
          "- **\(notice.level.rawValue)**: \(cell("\(notice.place)\(notice.message)"))")
      }
      if !warnings(result).isEmpty { section.append("") }
      guard
        appendIfRoom(
          section.joined(separator: "\n") + "\n", to: &text, limit, ending(total - shown))
      else { return text + ending(total - shown) }
      guard !result.findings.isEmpty else { continue }
      let header = "| severity | rule | where | message |\n|---|---|---|---|\n"
      guard appendIfRoom(header, to: &text, limit, ending(total - shown)) else {
        return text + ending(total - shown)
      }
      for finding in result.findings.sorted(by: Self.severityFirst) {
        let place = finding.location.map { "`\(cell($0.path)):\($0.startLine)`" } ?? ""
        let row =
          "| \(finding.severity.rawValue) | `\(cell(finding.ruleId))` | \(place) | \(cell(finding.message)) |\n"
        guard appendIfRoom(row, to: &text, limit, ending(total - shown)) else {
          return text + ending(total - shown)
        }
        shown += 1
      }
      text += "\n"
    }
    return text
  }

  /// Appends a part when it and the closing pointer still fit.
  private static func appendIfRoom(
    _ part: String, to text: inout String, _ limit: Int, _ ending: String
  ) -> Bool {
    guard text.count + part.count + ending.count <= limit else { return false }
    text += part
    return true
  }

  private static func severityFirst(_ lhs: Finding, _ rhs: Finding) -> Bool {
    lhs.severity != rhs.severity ? lhs.severity > rhs.severity : Finding.reportOrder(lhs, rhs)
  }

  private static func warnings(_ result: JobResult) -> [Notice] {
    result.notifications.filter { $0.level != .note }
  }

  /// ` (1 critical, 2 high)`, or nothing.
  private static func counts(_ findings: [Finding]) -> String {
    let parts = Severity.allCases.reversed().compactMap { severity -> String? in
      let count = findings.filter { $0.severity == severity }.count
      return count > 0 ? "\(count) \(severity.rawValue)" : nil
    }
    return parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"
  }

  private static func table(_ report: RunReport) -> [String] {
    let severities = Severity.allCases.reversed()
    var rows = [
      "| job | status | " + severities.map(\.rawValue).joined(separator: " | ") + " | scanned |",
      "|---|---|" + severities.map { _ in "---:|" }.joined() + "---|",
    ]
    for result in report.results {
      let counts = severities.map { severity in
        "\(result.findings.filter { $0.severity == severity }.count)"
      }
      var scanned = "\(result.coverage.files) files"
      if result.coverage.commits > 0 || result.coverage.range != nil {
        scanned += ", \(result.coverage.commits) commits"
      }
      if let range = result.coverage.range { scanned += " of \(range)" }
      rows.append(
        "| \(result.job) | \(result.status.rawValue) | " + counts.joined(separator: " | ")
          + " | \(cell(scanned)) |")
    }
    return rows
  }

  /// Text safe in a table cell: pipes escaped, line breaks and control characters as spaces,
  /// backticks doubled out of code spans.
  private static func cell(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "|": out += "\\|"
      case "`": out += "'"
      case "<": out += "&lt;"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
