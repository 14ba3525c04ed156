import Foundation

/// The outcome of one `parapet` run across all jobs, as every report writer sees it.
public struct RunReport: Sendable {
  public var toolVersion: String
  public var results: [JobResult]
  /// Findings removed by ignore files and the baseline, counted for the summary.
  public var suppressed: Int
  /// When the run started; reports print it, tests fix it.
  public var startedAt: Date

  /// Creates a run report.
  /// - Parameters:
  ///   - toolVersion: Parapet's version.
  ///   - results: one per job.
  ///   - suppressed: how many findings ignore files and the baseline removed.
  ///   - startedAt: when the run started.
  public init(
    toolVersion: String, results: [JobResult], suppressed: Int = 0, startedAt: Date = Date()
  ) {
    self.toolVersion = toolVersion
    self.results = results
    self.suppressed = suppressed
    self.startedAt = startedAt
  }

  /// All findings of all jobs.
  public var findings: [Finding] { results.flatMap(\.findings) }

  /// Whether any finding reaches its job's threshold.
  /// - Parameter gate: each job's threshold (`--fail-on`, `[deps] fail-on`).
  /// - Returns: true when at least one finding's severity fails its job's gate.
  public func hasFindings(failing gate: (String) -> FailThreshold) -> Bool {
    results.contains { result in
      let threshold = gate(result.job)
      return result.findings.contains {
        threshold.fails($0.severity) && $0.properties["baseline"] != .bool(true)
      }
    }
  }

  /// Whether a job could not run.
  public var hasFailedJob: Bool {
    results.contains { $0.status == .failed || $0.status == .timedOut }
  }

  /// Whether a job ran but could not cover everything.
  public var hasIncompleteJob: Bool { results.contains { $0.status == .incomplete } }
}
