import Foundation
import ParapetTestSupport
import XCTest

/// `parapet deps` end to end on lockfiles pinning known-vulnerable versions, against the shared
/// advisories.
final class DepsCommandTests: XCTestCase {
  private let database = TestPaths.shared.appendingPathComponent("data/advisories").path

  func testReportsExactlyTheAdvisoriesWithFixedVersionsAndPaths() throws {
    let repo = try TemporaryRepository()
    try repo.write("api/requirements.txt", "requests==2.25.0\nurllib3==1.26.4\nflask>=2\n")
    try repo.write(
      "api/pyproject.toml", "[project]\nname = \"api\"\ndependencies = [\"requests\"]\n")
    try repo.write(
      "api/poetry.lock",
      """
      [[package]]
      name = "requests"
      version = "2.25.0"
      groups = ["main"]

      [package.dependencies]
      urllib3 = "<1.27"

      [[package]]
      name = "urllib3"
      version = "1.26.4"
      groups = ["main"]
      """)
    try repo.write("node_modules/x/requirements.txt", "requests==2.0.0\n")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("d.json")
    let sarif = out.url.appendingPathComponent("d.sarif")
    let junit = out.url.appendingPathComponent("d.xml")
    let result = try Command.parapet([
      "deps", repo.url.path, "--db", database, "--json", json.path, "--sarif", sarif.path,
      "--junit", junit.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let jobs = try JSONReport.jobs(json)
    let job = try XCTUnwrap(jobs.first)
    let findings = job["findings"] as? [[String: Any]] ?? []
    let rows = findings.map { finding -> String in
      let location = finding["location"] as? [String: Any] ?? [:]
      let properties = finding["properties"] as? [String: Any] ?? [:]
      return
        "\(location["path"] ?? ""):\(location["startLine"] ?? 0) \(finding["ruleId"] ?? "") fixed \(properties["fixedVersion"] ?? "-") via \(properties["dependencyPath"] ?? "")"
    }
    XCTAssertEqual(
      rows,
      [
        "api/poetry.lock:1 PYSEC-2023-74 fixed 2.31.0 via requests 2.25.0",
        "api/poetry.lock:9 PYSEC-2021-108 fixed 1.26.5 via requests 2.25.0 → urllib3 1.26.4",
        "api/poetry.lock:9 PYSEC-2023-192 fixed 1.26.17 via requests 2.25.0 → urllib3 1.26.4",
        "api/poetry.lock:9 PYSEC-2023-212 fixed 1.26.18 via requests 2.25.0 → urllib3 1.26.4",
        "api/requirements.txt:1 PYSEC-2023-74 fixed 2.31.0 via requests 2.25.0",
        "api/requirements.txt:2 PYSEC-2021-108 fixed 1.26.5 via urllib3 1.26.4",
        "api/requirements.txt:2 PYSEC-2023-192 fixed 1.26.17 via urllib3 1.26.4",
        "api/requirements.txt:2 PYSEC-2023-212 fixed 1.26.18 via urllib3 1.26.4",
      ])
    XCTAssertTrue(
      result.stderr.contains(
        "deps: note: api/requirements.txt:3: 'flask' is not pinned to one version"), result.stdout)
    XCTAssertNil(
      try SchemaValidator.sarifErrors(sarif))
    XCTAssertNil(
      SchemaValidator.junitErrors(junit))
    let xml = try String(contentsOf: junit, encoding: .utf8)
    XCTAssertTrue(
      xml.contains(
        #"<testcase name="api/poetry.lock urllib3@1.26.4" classname="parapet.deps" time="0">"#), xml
    )
  }

  func testIgnoreWithReasonAndProdOnly() throws {
    let repo = try TemporaryRepository()
    try repo.write("requirements.txt", "requests==2.25.0\n")
    let ignored = try Command.parapet([
      "deps", repo.url.path, "--db", database, "--ignore", "CVE-2023-32681", "--reason",
      "not reachable",
    ])
    XCTAssertEqual(ignored.status, 0, ignored.stdout)
    let expired = try Command.parapet([
      "deps", repo.url.path, "--db", database, "--ignore", "PYSEC-2023-74", "--reason", "r",
      "--until", "2020-01-01",
    ])
    XCTAssertEqual(expired.status, 1)
    XCTAssertTrue(
      expired.stderr.contains("the ignore of PYSEC-2023-74 expired on 2020-01-01"), expired.stderr)
  }

  func testMissingDatabaseIsAWarningNotASilentPass() throws {
    let repo = try TemporaryRepository()
    try repo.write("requirements.txt", "requests==2.25.0\n")
    let missing = repo.url.appendingPathComponent("no-db").path
    let result = try Command.parapet(["deps", repo.url.path, "--db", missing, "--strict"])
    XCTAssertEqual(result.status, 3)
    XCTAssertTrue(
      result.stderr.contains(
        "deps: warning: no OSV database at \(missing): vulnerabilities were not checked"),
      result.stdout)
  }

  func testAMalformedLockfileIsANoticeAndTheOthersAreRead() throws {
    let repo = try TemporaryRepository()
    try repo.write("a/package-lock.json", "{ \"lockfileVersion\": 3, ")
    try repo.write("b/requirements.txt", "requests==2.25.0\n")
    let result = try Command.parapet(["deps", repo.url.path, "--db", database])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.contains(
        "deps: warning: a/package-lock.json:1: cannot read lockfile: not valid JSON"), result.stdout
    )
    XCTAssertTrue(
      result.stdout.contains("b/requirements.txt:1:1: medium requests 2.25.0 → 2.31.0 fixes 1\n"),
      result.stdout)
  }

  func testIssue17ACVSSv4VectorDecidesTheSeverity() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "Cargo.lock",
      """
      version = 3

      [[package]]
      name = "time"
      version = "0.3.36"
      source = "registry+https://github.com/rust-lang/crates.io-index"
      """)
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("d.json")
    let result = try Command.parapet([
      "deps", repo.url.path, "--db", database, "--json", json.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let jobs = try JSONReport.jobs(json)
    let job = try XCTUnwrap(jobs.first)
    let finding = try XCTUnwrap(
      (job["findings"] as? [[String: Any]])?.first {
        $0["ruleId"] as? String == "RUSTSEC-2026-0009"
      })
    XCTAssertEqual(finding["severity"] as? String, "medium")
    let properties = finding["properties"] as? [String: Any] ?? [:]
    XCTAssertEqual(properties["severityBasis"] as? String, "CVSS v4 base score 6.8")
    XCTAssertEqual(properties["cvss"] as? String, "6.8")
    XCTAssertEqual(
      properties["cvssVector"] as? String,
      "CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:A/VC:N/VI:N/VA:H/SC:N/SI:N/SA:H")
  }

  /// A record's malformed v4 vector is named in a notice, and its v3 vector decides instead.
  func testIssue17AMalformedCVSSv4VectorIsANoticeAndV3Decides() throws {
    let repo = try TemporaryRepository()
    try repo.write("requirements.txt", "demo-pkg==1.0.0\n")
    let db = try TemporaryRepository(git: false)
    try db.write(
      "PyPI/DEMO-2026-1.json",
      """
      {"id": "DEMO-2026-1", "modified": "2026-11-30T00:00:00Z", "summary": "Demo flaw",
       "severity": [
         {"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N"},
         {"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
       "affected": [{"package": {"ecosystem": "PyPI", "name": "demo-pkg"},
         "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0.1"}]}]}]}
      """)
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("d.json")
    let result = try Command.parapet([
      "deps", repo.url.path, "--db", db.url.path, "--json", json.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "deps: warning: DEMO-2026-1: its CVSS v4 vector 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N' is malformed (the base metric SA is missing); its severity comes from its other scores\n"
      ), result.stderr)
    let finding = try XCTUnwrap(
      (try JSONReport.jobs(json).first?["findings"] as? [[String: Any]])?.first)
    XCTAssertEqual(finding["severity"] as? String, "critical")
    let properties = finding["properties"] as? [String: Any] ?? [:]
    XCTAssertEqual(properties["severityBasis"] as? String, "CVSS v3 base score 9.8")
    XCTAssertEqual(
      properties["cvssVector"] as? String, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
  }

  func testAHugeLockfileIsSkippedWithANoticeAndTheOthersAreRead() throws {
    let repo = try TemporaryRepository()
    try repo.write("requirements.txt", "urllib3==1.26.4\n")
    try repo.write("big/package-lock.json", "{")
    // 200 MB without writing 200 MB: a sparse file.
    let handle = try FileHandle(
      forWritingTo: repo.url.appendingPathComponent("big/package-lock.json"))
    try handle.truncate(atOffset: 200 * 1_048_576)
    try handle.close()
    let result = try Command.parapet(["deps", repo.url.path, "--db", database])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "deps: warning: big/package-lock.json: lockfile is 200 MiB, larger than the 128 MiB parapet reads; not read"
      ), result.stdout)
    XCTAssertTrue(
      result.stdout.contains("\n    medium PYSEC-2021-108: "), result.stdout)

    // Issue 16: the only lockfile too large says why in the job's error, not only that none
    // could be read.
    try FileManager.default.removeItem(at: repo.url.appendingPathComponent("requirements.txt"))
    let alone = try Command.parapet(["deps", repo.url.path, "--db", database])
    XCTAssertEqual(alone.status, 3)
    XCTAssertTrue(
      alone.stderr.contains(
        "no lockfile could be read: lockfile is 200 MiB, larger than the 128 MiB parapet reads"),
      alone.stdout)
  }
}
