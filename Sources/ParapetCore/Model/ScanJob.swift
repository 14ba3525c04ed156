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
  /// Whether the job masks what it finds itself (the secrets job, whose `--redact` and
  /// `--no-redact` say how); the runner passes every other job's findings through the
  /// redaction gate, and every job's notices.
  var redactsOwnFindings: Bool { get }
}

extension ScanJob {
  public var readsCommits: Bool { false }
  public var redactsOwnFindings: Bool { false }
}

/// What every job is told: where to look, and through what it reads.
public struct ScanContext: Sendable {
  /// The absolute, standardized path of the scanned root.
  public var root: URL
  /// The files of the root: jobs open no file themselves.
  public var source: any FileSource
  /// What every text quoted from scanned input passes through.
  public var redaction: RedactionGate
  /// Tells the job to stop; inner loops check it.
  public var cancellation: Cancellation
  /// Where the job counts what it has covered as it goes.
  public var progress: ScanProgress

  /// Creates a context.
  /// - Parameters:
  ///   - root: the scanned root.
  ///   - source: its files; the work tree under `root` by default.
  ///   - redaction: the gate for quoted text; URL userinfo only by default.
  ///   - cancellation: the run's token; the runner gives each job its own child of it.
  public init(
    root: URL, source: (any FileSource)? = nil,
    redaction: RedactionGate = RedactionGate(recognizer: nil),
    cancellation: Cancellation = Cancellation()
  ) {
    self.root = root
    self.source = source ?? WorkTreeSource(root: root.path)
    self.redaction = redaction
    self.cancellation = cancellation
    progress = ScanProgress()
  }
}
