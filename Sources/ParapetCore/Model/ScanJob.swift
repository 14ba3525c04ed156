import Foundation

/// A job Parapet runs: secrets, deps, gateway and so on.
public protocol ScanJob: Sendable {
  /// The job's name as it appears on the command line and in reports.
  var name: String { get }
  /// Runs the job.
  /// - Parameter context: the scanned root and shared settings.
  /// - Returns: its findings, notifications and coverage.
  /// - Throws: when the job cannot run at all; `JobRunner` turns that into a failed result.
  func run(_ context: ScanContext) async throws -> JobResult
  /// Whether the job reads commits (history, a range, the index) rather than the files of a
  /// tree; such a job cannot run on a revision's exported tree for `--baseline-ref`.
  var readsCommits: Bool { get }
}

extension ScanJob {
  public var readsCommits: Bool { false }
}

/// What every job is told: where to look.
public struct ScanContext: Sendable {
  /// The absolute, standardized path of the scanned root.
  public var root: URL

  /// Creates a context.
  /// - Parameter root: the scanned root.
  public init(root: URL) {
    self.root = root
  }
}
