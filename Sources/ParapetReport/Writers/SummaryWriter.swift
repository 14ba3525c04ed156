import Foundation
import ParapetCore

/// The terminal summary: each finding on a line, the notices, then a table of jobs with
/// findings by severity and time, and a totals line.
public enum SummaryWriter {
  /// The summary text.
  /// - Parameters:
  ///   - report: the run.
  ///   - color: ANSI colours (only on a terminal).
  ///   - quiet: only the totals line and errors.
  /// - Returns: the text, ending in a newline.
  public static func render(_ report: RunReport, color: Bool, quiet: Bool) -> String {
    var lines: [String] = []
    let paint = Paint(enabled: color)
    if !quiet {
      for result in report.results {
        for finding in result.findings {
          let place =
            finding.location.map { "\($0.path):\($0.startLine):\($0.startColumn)" } ?? result.job
          let commit = finding.location?.commit.map { " [\($0.prefix(12))]" } ?? ""
          lines.append(
            "\(place)\(commit): \(paint.severity(finding.severity)) \(finding.ruleId): \(finding.message)"
          )
        }
      }
    }
    for result in report.results {
      for notice in result.notifications where !quiet || notice.level == .error {
        lines.append("\(result.job): \(notice.level.rawValue): \(notice.place)\(notice.message)")
      }
    }
    if !quiet {
      if !lines.isEmpty { lines.append("") }
      lines += table(report, paint: paint)
    }
    let total = report.findings.count
    let failed = report.results.filter { $0.status == .failed }.map(\.job)
    var totals = "\(total) \(total == 1 ? "finding" : "findings")"
    if report.suppressed > 0 { totals += ", \(report.suppressed) suppressed" }
    if !failed.isEmpty { totals += "; failed: \(failed.joined(separator: ", "))" }
    lines.append(totals)
    return lines.joined(separator: "\n") + "\n"
  }

  private static func table(_ report: RunReport, paint: Paint) -> [String] {
    let severities = Severity.allCases.reversed()
    var rows = [["job", "status"] + severities.map(\.rawValue) + ["scanned", "time"]]
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
        [result.job, result.status.rawValue] + counts + [
          scanned, String(format: "%.2fs", Double(result.durationMs) / 1000),
        ])
    }
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.enumerated().map { index, row in
      let text = row.enumerated().map { column, cell in
        cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
      return index == 0 ? paint.bold(text) : text
    }
  }
}

/// ANSI styling, or none.
private struct Paint {
  let enabled: Bool

  func severity(_ severity: Severity) -> String {
    guard enabled else { return severity.rawValue }
    let code =
      switch severity {
      case .critical: "1;31"
      case .high: "31"
      case .medium: "33"
      case .low: "36"
      case .info: "2"
      }
    return "\u{1B}[\(code)m\(severity.rawValue)\u{1B}[0m"
  }

  func bold(_ text: String) -> String {
    enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text
  }
}
