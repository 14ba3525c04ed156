import Foundation
import ParapetCore

/// The terminal summary, in two streams. Results: each job's findings (secrets first, then the
/// jobs in run order), most severe first, at most `findingsPerJob` each unless verbose, then a
/// table of jobs with findings by severity and what they scanned, and a totals line. Messages:
/// each job's notes, warnings and errors. Text from scanned input is shown with its control
/// characters escaped.
public enum SummaryWriter {
  /// How many findings a job shows before "and N more": a history audit's thousands of
  /// signature findings must not bury one leaked secret.
  public static let findingsPerJob = 20

  /// The results text.
  /// - Parameters:
  ///   - report: the run.
  ///   - color: ANSI colours (only on a terminal).
  ///   - quiet: only the totals line.
  ///   - verbose: every finding, not the first of each job.
  /// - Returns: the text, ending in a newline.
  public static func render(_ report: RunReport, color: Bool, quiet: Bool, verbose: Bool = false)
    -> String
  {
    var lines: [String] = []
    let paint = Paint(enabled: color)
    if !quiet {
      let ordered =
        report.results.filter { $0.job == "secrets" }
        + report.results.filter { $0.job != "secrets" }
      for result in ordered {
        let findings = Severity.allCases.reversed().flatMap { severity in
          result.findings.filter { $0.severity == severity }
        }
        let groups = PackageGroup.groups(findings)
        for group in verbose ? groups : Array(groups.prefix(findingsPerJob)) {
          lines += group.lines(job: result.job, paint: paint)
        }
        if !verbose && groups.count > findingsPerJob {
          let rest = groups.dropFirst(findingsPerJob).reduce(0) { $0 + $1.findings.count }
          lines.append(
            "… and \(rest) more \(result.job) findings (see --json, or --verbose)")
        }
      }
      if !lines.isEmpty { lines.append("") }
      lines += table(report, paint: paint)
    }
    let total = report.findings.count
    let failed = report.results.filter { !$0.status.ranToEnd && $0.status != .skipped }.map {
      $0.status == .failed ? $0.job : "\($0.job) (\($0.status.rawValue))"
    }
    var totals = "\(total) \(total == 1 ? "finding" : "findings")"
    if report.suppressed > 0 { totals += ", \(report.suppressed) suppressed" }
    if !failed.isEmpty { totals += "; failed: \(failed.joined(separator: ", "))" }
    lines.append(totals)
    return lines.joined(separator: "\n") + "\n"
  }

  /// The messages text: one line per note, warning and error, by job.
  /// - Parameters:
  ///   - report: the run.
  ///   - quiet: errors only.
  /// - Returns: the text, ending in a newline; empty when there is nothing to say.
  public static func messages(_ report: RunReport, quiet: Bool) -> String {
    var lines: [String] = []
    for result in report.results {
      for notice in result.notifications where !quiet || notice.level == .error {
        lines.append(
          TerminalText.escaped(
            "\(result.job): \(notice.level.rawValue): \(notice.place)\(notice.message)"))
      }
    }
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
  }

  /// `path:line:column [commit]: severity rule: message`.
  static func line(_ finding: Finding, job: String, paint: Paint) -> String {
    let place =
      finding.location.map { "\($0.path):\($0.startLine):\($0.startColumn)" } ?? job
    let commit = finding.location?.commit.map { " [\($0.prefix(12))]" } ?? ""
    return TerminalText.escaped("\(place)\(commit): ")
      + "\(paint.severity(finding.severity)) "
      + TerminalText.escaped("\(finding.ruleId): \(finding.message)")
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
struct Paint {
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
