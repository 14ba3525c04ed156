import Foundation

/// Applies ignore lists and the baseline once, for all jobs, and says which baseline entries
/// no longer match anything.
public struct Triage: Sendable {
  public var ignoreList: IgnoreList
  public var baseline: Baseline?
  /// `--fail-on-new`: keep the findings the baseline accepts in the reports, marked with the
  /// property `baseline: true`, instead of leaving them out; they still do not fail the run.
  public var keepsAccepted: Bool

  /// Creates a triage step.
  /// - Parameters:
  ///   - ignoreList: fingerprints dismissed by ignore files.
  ///   - baseline: accepted findings.
  ///   - keepsAccepted: report accepted findings, marked, rather than leave them out.
  public init(
    ignoreList: IgnoreList = IgnoreList(), baseline: Baseline? = nil, keepsAccepted: Bool = false
  ) {
    self.ignoreList = ignoreList
    self.baseline = baseline
    self.keepsAccepted = keepsAccepted
  }

  /// Removes dismissed and accepted findings.
  /// - Parameters:
  ///   - results: the jobs' results.
  ///   - toolVersion: Parapet's version, for the report.
  ///   - startedAt: when the run started; baseline entries expire against its date.
  /// - Returns: the run report, with a notification for stale baseline entries.
  public func apply(_ results: [JobResult], toolVersion: String, startedAt: Date) -> RunReport {
    let today = Self.day(startedAt)
    var suppressed = 0
    var matched: Set<String> = []
    var triaged = results.map { result -> JobResult in
      var result = result
      let before = result.findings.count
      result.findings = result.findings.filter { !ignoreList.contains($0) }
      if let baseline {
        let outcome = baseline.filter(result.findings, today: today)
        matched.formUnion(outcome.matched)
        if keepsAccepted {
          let kept = Set(outcome.kept.map(\.fingerprint))
          result.findings = result.findings.map { finding in
            guard !kept.contains(finding.fingerprint) else { return finding }
            var accepted = finding
            accepted.properties["baseline"] = .bool(true)
            return accepted
          }
        } else {
          result.findings = outcome.kept
        }
      }
      result.findings.sort(by: Finding.reportOrder)
      suppressed += before - result.findings.count
      if keepsAccepted {
        suppressed += result.findings.filter { $0.properties["baseline"] == .bool(true) }.count
      }
      return result
    }
    if let baseline {
      let ran = Set(results.filter { $0.status != .failed }.map(\.job))
      let stale = baseline.entries.filter { ran.contains($0.job) && !matched.contains($0.digest) }
      for (index, result) in triaged.enumerated() {
        let count = stale.filter { $0.job == result.job }.count
        if count > 0 {
          triaged[index].notifications.append(
            Notice(
              .note,
              "\(count) baseline \(count == 1 ? "entry matches" : "entries match") no finding any more; recreate the baseline to drop \(count == 1 ? "it" : "them")"
            ))
        }
      }
    }
    return RunReport(
      toolVersion: toolVersion, results: triaged, suppressed: suppressed, startedAt: startedAt)
  }

  /// The UTC day of a date as `yyyy-mm-dd`, the form baseline expiry dates take. A date
  /// formatter costs a millisecond to set up on every run; the C library's calendar does not.
  static func day(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func digits(_ value: Int32, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return
      "\(digits(parts.tm_year + 1900, 4))-\(digits(parts.tm_mon + 1, 2))-\(digits(parts.tm_mday, 2))"
  }
}
