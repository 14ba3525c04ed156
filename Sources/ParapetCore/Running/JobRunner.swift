import Foundation

/// Runs the selected jobs concurrently and isolates each one: a job that throws or runs past its
/// time limit becomes a failed `JobResult`, and the other jobs' results are kept.
public struct JobRunner: Sendable {
  public let jobs: [any ScanJob]
  /// Per-job wall-time limit; nil for none.
  public let timeout: Duration?

  /// Creates a runner.
  /// - Parameters:
  ///   - jobs: the jobs to run.
  ///   - timeout: how long one job may run.
  public init(jobs: [any ScanJob], timeout: Duration? = nil) {
    self.jobs = jobs
    self.timeout = timeout
  }

  /// Runs every job at once.
  /// - Parameter context: what every job scans.
  /// - Returns: one result per job, in the order the jobs were given.
  public func run(_ context: ScanContext) async -> [JobResult] {
    await withTaskGroup(of: (Int, JobResult).self) { group in
      for (index, job) in jobs.enumerated() {
        group.addTask { (index, await Self.runIsolated(job, context, timeout: timeout)) }
      }
      var results = [JobResult?](repeating: nil, count: jobs.count)
      for await (index, result) in group {
        results[index] = result
      }
      return results.compactMap { $0 }
    }
  }

  private static func runIsolated(
    _ job: any ScanJob, _ context: ScanContext, timeout: Duration?
  ) async -> JobResult {
    let clock = ContinuousClock()
    let start = clock.now
    var result: JobResult
    do {
      if let timeout {
        result = try await withDeadline(timeout, job: job.name) { try await job.run(context) }
      } else {
        result = try await job.run(context)
      }
    } catch {
      result = JobResult(
        job: job.name, status: .failed,
        notifications: [Notice(.error, "\(job.name) job failed: \(error)")])
    }
    let elapsed = clock.now - start
    result.durationMs =
      Int(elapsed.components.seconds * 1000)
      + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
    return result
  }

  private static func withDeadline(
    _ limit: Duration, job: String, _ body: @escaping @Sendable () async throws -> JobResult
  ) async throws -> JobResult {
    try await withThrowingTaskGroup(of: JobResult?.self) { group in
      group.addTask { try await body() }
      group.addTask {
        try await Task.sleep(for: limit)
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let result = first else {
        throw JobTimeout(job: job, limit: limit)
      }
      return result
    }
  }
}

/// A job ran past `--job-timeout`.
struct JobTimeout: Error, CustomStringConvertible {
  let job: String
  let limit: Duration
  var description: String { "timed out after \(limit)" }
}
