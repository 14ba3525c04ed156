import Foundation
import ParapetTestSupport
import XCTest

/// Issue 16: `--job-timeout N` returns within N + 0.5 s with the job marked timed out and the
/// coverage it reached; SIGINT and SIGTERM stop the jobs, still write whole reports (jobs
/// `cancelled`), leave no temporary file, and exit 130 or 143.
final class CancellationTests: XCTestCase {
  /// A history long enough that scanning it takes seconds, built once for the class.
  nonisolated(unsafe) private static let history: Result<TemporaryRepository, Error> = Result {
    let repo = try TemporaryRepository()
    try GeneratedHistory.write(into: repo, commits: 30_000)
    return repo
  }

  func testIssue16AJobTimeoutStopsTheJobWithinHalfASecond() throws {
    let repo = try Self.history.get()
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let started = Date()
    let result = try Command.parapet([
      "scan", repo.url.path, "--jobs", "secrets,gateway", "--history", "--job-timeout", "1",
      "--json", json.path,
    ])
    let elapsed = Date().timeIntervalSince(started)
    XCTAssertEqual(result.status, 3, result.stdout + result.stderr)
    XCTAssertLessThan(elapsed, 2.5, "the process ends soon after the job's limit")
    let jobs = try JSONReport.jobs(json)
    let secrets = try XCTUnwrap(jobs.first { $0["job"] as? String == "secrets" })
    XCTAssertEqual(secrets["status"] as? String, "timed-out")
    XCTAssertEqual(
      jobs.first { $0["job"] as? String == "gateway" }?["status"] as? String, "complete")
    let message = (secrets["notifications"] as? [[String: Any]])?.first?["message"] as? String ?? ""
    XCTAssertTrue(
      message.hasPrefix("secrets timed out after 1.0 seconds (it had covered "), message)
    let durationMs = secrets["durationMs"] as? Int ?? 0
    XCTAssertLessThan(durationMs, 1_500, "the job returned within its limit and the grace")
  }

  func testIssue16AnInterruptWritesWholeReportsAndExits130() throws {
    let repo = try Self.history.get()
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    try Data("{\"stale\": true}".utf8).write(to: json)
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
      let result = try Command.run(
        URL(fileURLWithPath: "/bin/bash"),
        [
          "-c",
          "'\(TestPaths.binary.path)' scan '\(repo.url.path)' --jobs secrets --history --json '\(json.path)' & pid=$!; sleep 0.7; kill -\(signal) $pid; wait $pid",
        ], environment: Command.outsideCI)
      XCTAssertEqual(result.status, Int32(code), "\(signal): \(result.stderr)")
      XCTAssertTrue(result.stderr.contains("interrupted: stopping the jobs"), result.stderr)
      let jobs = try JSONReport.jobs(json)
      XCTAssertEqual(jobs.first?["status"] as? String, "cancelled", "\(signal)")
      XCTAssertEqual(
        try FileManager.default.contentsOfDirectory(atPath: out.url.path), ["r.json"],
        "no temporary file is left")
    }
  }
}
