import Foundation
import ParapetTestSupport
import XCTest

/// Issue 19: `--history --cache DIR` keeps what a scan learned; the next scan reads only the
/// commits after it, and reports what a full scan reports.
final class SecretsHistoryCacheTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 1907)

  /// A report without its timing, which is all that may differ between two scans.
  private func report(_ url: URL) throws -> [String: Any] {
    var job = try JSONReport.jobs(url).first ?? [:]
    job["durationMs"] = nil
    return job
  }

  private func scan(_ repo: TemporaryRepository, cache: URL?, into json: URL) throws
    -> CommandResult
  {
    try Command.parapet(
      ["secrets", repo.url.path, "--history", "--json", json.path]
        + (cache.map { ["--cache", $0.path] } ?? []))
  }

  func testASecondScanReadsOnlyNewCommitsAndReportsWhatAFullScanReports() throws {
    let repo = try TemporaryRepository()
    try GeneratedHistory.write(into: repo, commits: 200)
    try repo.write("config/old.env", "TOKEN=\(tokens.make("dop_v1_{{hex:64}}"))\n")
    try repo.commitAll("a token the first scan finds")
    let out = try TemporaryRepository(git: false)
    let cache = out.url.appendingPathComponent("cache")
    let first = out.url.appendingPathComponent("first.json")
    XCTAssertEqual(try scan(repo, cache: cache, into: first).status, 1)
    let files = try FileManager.default.contentsOfDirectory(atPath: cache.path)
    XCTAssertEqual(files.count, 1, "\(files)")
    let written = try Data(contentsOf: cache.appendingPathComponent(files[0]))
    XCTAssertNil(
      written.range(of: Data("dop_v1_".utf8)), "the cache holds no secret, not even a prefix")

    // New commits after the cached ones: a leak in a file the cache saw clean, one in a new
    // file, and an edit of the file that held the first token.
    try repo.write(
      "src/module7.py",
      "value = 1\nAWS_KEY = \"\(tokens.make("AKIA{{upperdigits:16}}"))\"\n")
    try repo.write("deploy/new.env", "PASSWORD_TOKEN=\(tokens.make("glpat-{{alnum:20}}"))\n")
    try repo.write("config/old.env", "# rotated\n")
    try repo.commitAll("leaks after the first scan")
    let cached = out.url.appendingPathComponent("cached.json")
    let full = out.url.appendingPathComponent("full.json")
    let incremental = try scan(repo, cache: cache, into: cached)
    XCTAssertEqual(incremental.status, 1, incremental.stderr)
    XCTAssertFalse(incremental.stderr.contains("history cache"), incremental.stderr)
    XCTAssertEqual(try scan(repo, cache: nil, into: full).status, 1)
    let expected = try report(full)
    XCTAssertEqual(
      (expected["findings"] as? [[String: Any]])?.count, 3, "\(expected["findings"] ?? [])")
    XCTAssertTrue(
      NSDictionary(dictionary: try report(cached)).isEqual(to: expected),
      "the incremental report differs from the full scan's")
  }

  func testADamagedOrRewrittenCacheIsNotTrusted() throws {
    let repo = try TemporaryRepository()
    try GeneratedHistory.write(into: repo, commits: 30)
    try repo.write("app.env", "TOKEN=\(tokens.make("dop_v1_{{hex:64}}"))\n")
    try repo.commitAll("token")
    let out = try TemporaryRepository(git: false)
    let cache = out.url.appendingPathComponent("cache")
    let json = out.url.appendingPathComponent("r.json")
    XCTAssertEqual(try scan(repo, cache: cache, into: json).status, 1)
    let expected = try report(json)
    let file = cache.appendingPathComponent(
      try FileManager.default.contentsOfDirectory(atPath: cache.path)[0])

    var bytes = try Data(contentsOf: file)
    bytes[bytes.count / 2] ^= 0xFF
    try bytes.write(to: file)
    let damaged = try scan(repo, cache: cache, into: json)
    XCTAssertEqual(damaged.status, 1, damaged.stderr)
    XCTAssertTrue(
      damaged.stderr.contains("the history cache is damaged: not used"), damaged.stderr)
    XCTAssertEqual(
      (try report(json)["findings"] as? [[String: Any]])?.count,
      (expected["findings"] as? [[String: Any]])?.count)

    // The damaged file was replaced by a good one; now the history is rewritten under it.
    _ = try repo.git("commit", "-q", "--amend", "-m", "token, reworded")
    let rewritten = try scan(repo, cache: cache, into: json)
    XCTAssertEqual(rewritten.status, 1, rewritten.stderr)
    XCTAssertTrue(
      rewritten.stderr.contains(
        "the history cache is of 31 commits this history does not start with (rewritten or reordered): all of it was scanned"
      ), rewritten.stderr)
    XCTAssertEqual(
      (try report(json)["findings"] as? [[String: Any]])?.count,
      (expected["findings"] as? [[String: Any]])?.count)

    let others = try Command.parapet([
      "secrets", repo.url.path, "--history", "--json", json.path, "--cache", cache.path,
      "--max-file-size", "4096",
    ])
    XCTAssertTrue(
      others.stderr.contains(
        "the history cache was written with other rules, options or Parapet version: not used"),
      others.stderr)
  }

  func testTheCacheNeedsHistory() throws {
    let repo = try TemporaryRepository()
    let result = try Command.parapet(["secrets", repo.url.path, "--cache", "/nonexistent"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("--cache needs --history"), result.stderr)
    let scan = try Command.parapet(["scan", repo.url.path, "--cache", "/nonexistent"])
    XCTAssertEqual(scan.status, 2)
    XCTAssertTrue(scan.stderr.contains("--cache needs --history, --ci or --audit"), scan.stderr)
    let staged = try Command.parapet([
      "scan", repo.url.path, "--staged", "--cache", "/nonexistent",
    ])
    XCTAssertEqual(staged.status, 2)
    XCTAssertTrue(
      staged.stderr.contains(
        "--cache serves history scans: leave out --staged, --range and --no-git"), staged.stderr)
  }
}
