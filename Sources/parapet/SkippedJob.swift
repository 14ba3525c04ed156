import ParapetCore

/// A job left out on purpose, reported as `skipped` with the note that says how to turn it on:
/// signatures in CI without a trust policy. It never fails the run.
struct SkippedJob: ScanJob {
  let name: String
  /// Why, and how to turn it on.
  let reason: String

  func run(_ context: ScanContext) async throws -> JobResult {
    JobResult(job: name, status: .skipped, notifications: [Notice(.note, reason)])
  }
}
