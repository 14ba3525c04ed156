import ParapetCore
import XCTest

private struct FixedJob: ScanJob {
  let name: String
  let findings: Int
  func run(_ context: ScanContext) async throws -> JobResult {
    JobResult(
      job: name,
      findings: (0..<findings).map {
        Finding(
          job: name, ruleId: "r", severity: .low, message: "m", location: nil, fingerprint: "\($0)")
      })
  }
}

private struct FailingJob: ScanJob {
  let name = "broken"
  struct Failure: Error, CustomStringConvertible { var description: String { "database missing" } }
  func run(_ context: ScanContext) async throws -> JobResult { throw Failure() }
}

private struct SlowJob: ScanJob {
  let name = "slow"
  func run(_ context: ScanContext) async throws -> JobResult {
    try await Task.sleep(for: .seconds(30))
    return JobResult(job: name)
  }
}

/// Busy on its thread, deaf to cancellation, as the secrets scan's workers are.
private struct BusyJob: ScanJob {
  let name = "busy"
  func run(_ context: ScanContext) async throws -> JobResult {
    busy(seconds: 5)
    return JobResult(job: name)
  }

  private func busy(seconds: TimeInterval) {
    Thread.sleep(forTimeInterval: seconds)
  }
}

final class JobRunnerTests: XCTestCase {
  private let context = ScanContext(root: URL(fileURLWithPath: "/"))

  func testAFailingJobIsIsolatedAndTheOthersAreKept() async {
    let results = await JobRunner(jobs: [
      FixedJob(name: "a", findings: 2), FailingJob(), FixedJob(name: "c", findings: 1),
    ])
    .run(context)
    XCTAssertEqual(results.map(\.job), ["a", "broken", "c"])
    XCTAssertEqual(results.map(\.status), [.complete, .failed, .complete])
    XCTAssertEqual(results.map(\.findings.count), [2, 0, 1])
    XCTAssertEqual(results[1].notifications.map(\.message), ["broken job failed: database missing"])
  }

  func testAJobPastItsTimeLimitIsTimedOut() async {
    let results = await JobRunner(
      jobs: [SlowJob(), FixedJob(name: "fast", findings: 1)], timeout: .milliseconds(200)
    )
    .run(context)
    XCTAssertEqual(results.map(\.status), [.timedOut, .complete])
    XCTAssertEqual(
      results[0].notifications.first?.message,
      "slow timed out after 0.2 seconds (it had covered 0 files)")
  }

  func testAJobDeafToCancellationDoesNotHoldTheRunPastItsLimit() async {
    let clock = ContinuousClock()
    let start = clock.now
    let results = await JobRunner(jobs: [BusyJob()], timeout: .milliseconds(300)).run(context)
    XCTAssertEqual(results.map(\.status), [.timedOut])
    // The limit, then the grace a job has to stop: the run goes on without it.
    XCTAssertLessThan(clock.now - start, .milliseconds(300) + JobRunner.grace + .milliseconds(300))
  }
}
