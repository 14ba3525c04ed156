import Foundation

/// Runs the selected jobs concurrently and isolates each one: a job that throws or runs past its
/// time limit becomes a failed `JobResult`, and the other jobs' results are kept.
public struct JobRunner: Sendable {
  public let jobs: [any ScanJob]
  /// Per-job wall-time limit; nil for none.
  public let timeout: Duration?
  /// Told when each job starts and ends (the terminal's live lines).
  public let observer: (any JobObserver)?

  /// Creates a runner.
  /// - Parameters:
  ///   - jobs: the jobs to run.
  ///   - timeout: how long one job may run.
  ///   - observer: told when each job starts and ends.
  public init(jobs: [any ScanJob], timeout: Duration? = nil, observer: (any JobObserver)? = nil) {
    self.jobs = jobs
    self.timeout = timeout
    self.observer = observer
  }

  /// Runs every job at once.
  /// - Parameter context: what every job scans.
  /// - Returns: one result per job, in the order the jobs were given.
  public func run(_ context: ScanContext) async -> [JobResult] {
    await withTaskGroup(of: (Int, JobResult).self) { group in
      for (index, job) in jobs.enumerated() {
        group.addTask {
          observer?.started(job.name)
          let result = await Self.runIsolated(job, context, timeout: timeout)
          observer?.finished(result)
          return (index, result)
        }
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
    result = context.redaction.apply(to: result, findings: !job.redactsOwnFindings)
    let elapsed = clock.now - start
    result.durationMs =
      Int(elapsed.components.seconds * 1000)
      + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
    return result
  }

  /// The job's result, or `JobTimeout` when the limit comes first. The job is not awaited past
  /// the limit: a job busy on threads of its own (the secrets scan's workers) cannot be
  /// cancelled, and a task group would wait for it; the run goes on and the process's exit
  /// ends it.
  private static func withDeadline(
    _ limit: Duration, job: String, _ body: @escaping @Sendable () async throws -> JobResult
  ) async throws -> JobResult {
    let first = FirstOutcome()
    return try await withCheckedThrowingContinuation { continuation in
      let work = Task {
        do {
          let result = try await body()
          if first.claim() { continuation.resume(returning: result) }
        } catch {
          if first.claim() { continuation.resume(throwing: error) }
        }
      }
      Task {
        try? await Task.sleep(for: limit)
        if first.claim() {
          work.cancel()
          continuation.resume(throwing: JobTimeout(job: job, limit: limit))
        }
      }
    }
  }
}

/// Lets exactly one of two racing tasks resume a continuation.
private final class FirstOutcome: @unchecked Sendable {
  private let lock = NSLock()
  private var claimed = false

  func claim() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if claimed { return false }
    claimed = true
    return true
  }
}

/// Watches jobs run, from the runner's tasks.
public protocol JobObserver: Sendable {
  func started(_ job: String)
  func finished(_ result: JobResult)
}

/// A job ran past `--job-timeout`.
struct JobTimeout: Error, CustomStringConvertible {
  let job: String
  let limit: Duration
  var description: String { "timed out after \(limit)" }
}
