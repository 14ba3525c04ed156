import ParapetCore

/// A job with what the run knows about its scope added to its result: notes on how a CI event's
/// commits were chosen, or, when those commits are not all in the clone, a warning naming the
/// fix and the status `incomplete` (after running `inner` on what there is, such as the secrets
/// job on the work tree).
struct AnnotatedJob: ScanJob {
  let name: String
  let inner: (any ScanJob)?
  let notices: [Notice]
  /// Whether the job could not cover what it was asked to.
  let uncovered: Bool

  var readsCommits: Bool { true }
  var redactsOwnFindings: Bool { inner?.redactsOwnFindings ?? false }

  func run(_ context: ScanContext) async throws -> JobResult {
    var result = try await inner?.run(context) ?? JobResult(job: name)
    if uncovered { result.status = .incomplete }
    result.notifications.insert(contentsOf: notices, at: 0)
    return result
  }
}
