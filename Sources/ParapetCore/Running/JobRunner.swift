import Foundation

/// Runs the selected jobs concurrently and isolates each one: a job that throws, or that runs
/// past its time limit, becomes a result of its own and the other jobs' results are kept.
///
/// Each job runs on a thread of its own, not on Swift's cooperative pool: every job reads files,
/// inflates blobs and matches synchronously, and on the pool (one thread per core) two busy jobs
/// held back each other, the timer that enforces `--job-timeout`, and the terminal's live lines.
/// A job told to stop (its limit, or SIGINT/SIGTERM) stops at its next check; one that does not
/// within `grace` is reported with the coverage it reached, and left behind.
public struct JobRunner: Sendable {
  public let jobs: [any ScanJob]
  /// Per-job wall-time limit; nil for none.
  public let timeout: Duration?
  /// Told when each job starts and ends (the terminal's live lines).
  public let observer: (any JobObserver)?
  /// How long a job told to stop may take to do so.
  public static let grace: Duration = .milliseconds(400)

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
  /// - Parameter context: what every job scans; its cancellation stops them all.
  /// - Returns: one result per job, in the order the jobs were given.
  public func run(_ context: ScanContext) async -> [JobResult] {
    await withTaskGroup(of: (Int, JobResult).self) { group in
      for (index, job) in jobs.enumerated() {
        group.addTask {
          var jobContext = context
          jobContext.cancellation = Cancellation(parent: context.cancellation)
          jobContext.progress = ScanProgress()
          observer?.started(job.name, progress: jobContext.progress)
          var result = await Self.runIsolated(job, jobContext, timeout: timeout)
          result = context.redaction.apply(to: result, findings: !job.redactsOwnFindings)
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
    let began = clock.now
    let once = Once()
    var result = await withCheckedContinuation { continuation in
      let finish: @Sendable (JobResult) -> Void = { result in
        if once.claim() { continuation.resume(returning: result) }
      }
      let watchdog = Watchdog(
        context.cancellation, timeout: timeout, grace: grace,
        onGraceOver: { finish(stopped(job.name, context)) })
      start(job, context, on: watchdog, finish: finish)
    }
    let elapsed = clock.now - began
    result.durationMs =
      Int(elapsed.components.seconds * 1000)
      + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
    return result
  }

  /// Starts a job on its own thread; its result (or its failure, or the coverage it reached
  /// when it stopped on being told to) is handed to `finish`.
  private static func start(
    _ job: any ScanJob, _ context: ScanContext, on watchdog: Watchdog,
    finish: @escaping @Sendable (JobResult) -> Void
  ) {
    let body: @Sendable () async -> Void = {
      let result: JobResult
      do {
        result = try await job.run(context)
      } catch  where context.cancellation.isCancelled {
        result = stopped(job.name, context)
      } catch {
        result = JobResult(
          job: job.name, status: .failed,
          notifications: [Notice(.error, "\(job.name) job failed: \(error)")])
      }
      watchdog.stop()
      finish(result)
    }
    if #available(macOS 15.0, *) {
      Task(executorPreference: JobExecutor(name: job.name)) { await body() }
    } else {
      Task.detached { await body() }
    }
  }

  /// The result of a job that stopped on being told to: timed out or cancelled, with what it
  /// had covered.
  static func stopped(_ job: String, _ context: ScanContext) -> JobResult {
    let covered = context.progress.snapshot.coverage
    var reach = "\(covered.files) files"
    if covered.commits > 0 { reach += ", \(covered.commits) commits" }
    switch context.cancellation.reason {
    case .timedOut(let limit):
      return JobResult(
        job: job, status: .timedOut,
        notifications: [
          Notice(.error, "\(job) timed out after \(limit) (it had covered \(reach))")
        ], coverage: covered)
    case .interrupted, nil:
      return JobResult(
        job: job, status: .cancelled,
        notifications: [Notice(.error, "\(job) was interrupted (it had covered \(reach))")],
        coverage: covered)
    }
  }
}

/// Watches jobs run, from the runner's tasks.
public protocol JobObserver: Sendable {
  /// A job started; `progress` is what it has covered so far.
  func started(_ job: String, progress: ScanProgress)
  func finished(_ result: JobResult)
}

/// Lets exactly one of two racing outcomes through.
private final class Once: @unchecked Sendable {
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

/// A job's timer, on a dispatch queue (so it fires on time whatever the jobs do): it cancels the
/// job at its time limit, and once the job has been told to stop (by the limit or by the run's
/// interruption), gives it `grace` to do so before `onGraceOver`.
private final class Watchdog: @unchecked Sendable {
  private let timer = DispatchSource.makeTimerSource(queue: .global())

  init(
    _ cancellation: Cancellation, timeout: Duration?, grace: Duration,
    onGraceOver: @escaping @Sendable () -> Void
  ) {
    let started = DispatchTime.now()
    let lock = NSLock()
    var stopAskedAt: DispatchTime?
    timer.schedule(deadline: .now() + .milliseconds(20), repeating: .milliseconds(20))
    timer.setEventHandler { [timer] in
      let now = DispatchTime.now()
      if let timeout, !cancellation.isCancelled,
        now.uptimeNanoseconds - started.uptimeNanoseconds >= Self.nanoseconds(timeout)
      {
        cancellation.cancel(.timedOut(timeout))
      }
      guard cancellation.isCancelled else { return }
      lock.lock()
      let asked = stopAskedAt ?? now
      stopAskedAt = asked
      lock.unlock()
      if now.uptimeNanoseconds - asked.uptimeNanoseconds >= Self.nanoseconds(grace) {
        timer.cancel()
        onGraceOver()
      }
    }
    timer.resume()
  }

  /// The job is done: no more checks.
  func stop() {
    timer.cancel()
  }

  private static func nanoseconds(_ duration: Duration) -> UInt64 {
    UInt64(duration.components.seconds) * 1_000_000_000
      + UInt64(duration.components.attoseconds / 1_000_000_000)
  }
}

/// Runs a job's tasks on a serial dispatch queue of its own, which takes its own thread (serial
/// queues overcommit), off Swift's cooperative pool.
@available(macOS 15.0, *)
private final class JobExecutor: TaskExecutor, @unchecked Sendable {
  private let queue: DispatchQueue

  init(name: String) {
    queue = DispatchQueue(label: "parapet.job.\(name)")
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let unowned = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    queue.async { unowned.runSynchronously(on: executor) }
  }
}
