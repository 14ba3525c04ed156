import Foundation

/// Applies ignore lists and the baseline once, for all jobs, and says which baseline entries
/// no longer match anything.
public struct Triage: Sendable {
  public var ignoreList: IgnoreList
  public var baseline: Baseline?

  /// Creates a triage step.
  /// - Parameters:
  ///   - ignoreList: fingerprints dismissed by ignore files.
  ///   - baseline: accepted findings.
  public init(ignoreList: IgnoreList = IgnoreList(), baseline: Baseline? = nil) {
    self.ignoreList = ignoreList
    self.baseline = baseline
  }

  /// Removes dismissed and accepted findings.
  /// - Parameters:
  ///   - results: the jobs' results.
  ///   - toolVersion: Parapet's version, for the report.
  ///   - startedAt: when the run started; baseline entries expire against its date.
  /// - Returns: the run report, with a notification for stale baseline entries.
  public func apply(_ results: [JobResult], toolVersion: String, startedAt: Date) -> RunReport {
    let today = String(ISO8601DateFormatter().string(from: startedAt).prefix(10))
    var suppressed = 0
    var matched: Set<String> = []
    var triaged = results.map { result -> JobResult in
      var result = result
      let before = result.findings.count
      result.findings = result.findings.filter { !ignoreList.contains($0) }
      if let baseline {
        let outcome = baseline.filter(result.findings, today: today)
        result.findings = outcome.kept
        matched.formUnion(outcome.matched)
      }
      result.findings.sort(by: Finding.reportOrder)
      suppressed += before - result.findings.count
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
}
