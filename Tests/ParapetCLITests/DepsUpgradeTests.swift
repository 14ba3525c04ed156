import Foundation
import ParapetTestSupport
import XCTest

/// Issue 17: one upgrade per vulnerable package that fixes all its advisories, shown by package
/// in the terminal and as a plan with `--fix-plan`; manifests without lockfiles; the database's
/// age and ecosystems.
final class DepsUpgradeTests: XCTestCase {
  private let database = TestPaths.shared.appendingPathComponent("data/advisories").path

  /// A Cargo workspace and a requirements file, against the real PyPI and crates.io advisories.
  private func project() throws -> TemporaryRepository {
    let repo = try TemporaryRepository()
    let registry = "source = \"registry+https://github.com/rust-lang/crates.io-index\""
    try repo.write(
      "Cargo.lock",
      """
      version = 3

      [[package]]
      name = "ammonia"
      version = "3.1.0"
      \(registry)

      [[package]]
      name = "app"
      version = "0.1.0"
      dependencies = ["ammonia", "openssl", "reqwest"]

      [[package]]
      name = "hyper"
      version = "0.12.0"
      \(registry)

      [[package]]
      name = "openssl"
      version = "0.10.38"
      \(registry)

      [[package]]
      name = "reqwest"
      version = "0.9.0"
      \(registry)
      dependencies = ["hyper"]

      """)
    try repo.write("requirements.txt", "urllib3==1.26.4\nrequests==2.25.0\njinja2==2.10\n")
    return repo
  }

  func testIssue17TheFixPlanNamesOneUpgradePerPackageAndWhatPullsItIn() throws {
    let repo = try project()
    let result = try Command.parapet(["deps", repo.url.path, "--db", database, "--fix-plan"])
    XCTAssertEqual(result.status, 1, result.stderr)
    // openssl: 0.10.70 fixes its seven advisories but has one of its own (0.10.39 to 0.10.71);
    // hyper moves from 0.12 to 0.14, a new major version below 1.
    XCTAssertEqual(
      result.stdout,
      """
      6 packages to upgrade, fixing 22 vulnerabilities

      lockfile          package   installed  upgrade to           fixes  most severe  pulled in by
      Cargo.lock        hyper     0.12.0     0.14.12 (new major)  5      critical     reqwest 0.9.0
      requirements.txt  urllib3   1.26.4     1.26.18              3      high         direct
      Cargo.lock        ammonia   3.1.0      3.3.3                4      medium       direct
      Cargo.lock        openssl   0.10.38    0.10.72              7      medium       direct
      requirements.txt  requests  2.25.0     2.31.0               1      medium       direct
      requirements.txt  jinja2    2.10       2.11.3               2      medium       direct

      """)
  }

  func testIssue17TheTerminalGroupsFindingsByPackage() throws {
    let repo = try TemporaryRepository()
    try repo.write("requirements.txt", "urllib3==1.26.4\nrequests==2.25.0\n")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("d.json")
    let result = try Command.parapet([
      "deps", repo.url.path, "--db", database, "--json", json.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(
      result.stdout.hasPrefix(
        """
        requirements.txt:1:1: high urllib3 1.26.4 → 1.26.18 fixes 3
            high PYSEC-2023-192: urllib3 is a user-friendly HTTP client library for Python; fixed in 1.26.17
            medium PYSEC-2021-108: An issue was discovered in urllib3 before 1.26.5; fixed in 1.26.5
            medium PYSEC-2023-212: urllib3 is a user-friendly HTTP client library for Python; fixed in 1.26.18
        requirements.txt:2:1: medium requests 2.25.0 → 2.31.0 fixes 1
            medium PYSEC-2023-74: Requests is a HTTP library; fixed in 2.31.0

        """), result.stdout)
    let job = try XCTUnwrap(try JSONReport.jobs(json).first)
    let properties = (job["findings"] as? [[String: Any]])?.first?["properties"] as? [String: Any]
    XCTAssertEqual(properties?["fixAll"] as? String, "1.26.18")
    XCTAssertEqual(properties?["fixAllIsNewMajor"] as? Bool, false)
    XCTAssertEqual(properties?["vulnerabilitiesOfPackage"] as? Int, 3)
    let facts = job["properties"] as? [String: Any] ?? [:]
    XCTAssertEqual(facts["databaseNewestRecord"] as? String, "2026-08-21")
    XCTAssertEqual(facts["databaseRecords"] as? Int, 3844)
    XCTAssertGreaterThanOrEqual(facts["databaseAgeDays"] as? Int ?? -1, 100)
  }

  func testIssue17ManifestsWithoutLockfilesAreNamedWithTheCommandThatPinsThem() throws {
    let repo = try TemporaryRepository()
    try repo.write("web/package.json", #"{"name": "web", "dependencies": {"qs": "^6.5.0"}}"#)
    try repo.write("tools/package.json", #"{"name": "tools", "scripts": {"lint": "eslint"}}"#)
    try repo.write("svc/pyproject.toml", "[project]\nname = \"svc\"\ndependencies = [\"flask\"]\n")
    try repo.write(
      "legacy/pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.11\"\nflask = \"*\"\n")
    try repo.write("jobs/Pipfile", "[packages]\nrequests = \"*\"\n")
    try repo.write(
      "crates/core/Cargo.toml", "[package]\nname = \"core\"\n\n[dependencies]\nserde = \"1\"\n")
    try repo.write("crates/Cargo.lock", "version = 3\n")
    try repo.write("cli/Cargo.toml", "[package]\nname = \"cli\"\n\n[dependencies]\nclap = \"4\"\n")
    try repo.write(
      "go/go.mod", "module example.com/x\n\ngo 1.22\n\nrequire golang.org/x/net v0.17.0\n")
    try repo.write("node_modules/dep/package.json", #"{"dependencies": {"a": "1"}}"#)
    let result = try Command.parapet(["deps", repo.url.path, "--allow-missing-db"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let notices = result.stderr.split(separator: "\n").filter { $0.contains("no lockfile pins") }
    XCTAssertEqual(
      notices,
      [
        "deps: warning: cli/Cargo.toml:1: no lockfile pins these dependencies, so they were not checked: run 'cargo generate-lockfile' in cli/",
        "deps: warning: go/go.mod:1: no lockfile pins these dependencies, so they were not checked: run 'go mod tidy' in go/",
        "deps: warning: jobs/Pipfile:1: no lockfile pins these dependencies, so they were not checked: run 'pipenv lock' in jobs/",
        "deps: warning: legacy/pyproject.toml:1: no lockfile pins these dependencies, so they were not checked: run 'poetry lock' in legacy/",
        "deps: warning: svc/pyproject.toml:1: no lockfile pins these dependencies, so they were not checked: run 'uv lock' in svc/",
        "deps: warning: web/package.json:1: no lockfile pins these dependencies, so they were not checked: run 'npm install --package-lock-only' in web/",
      ])
  }

  func testIssue17ATreeWithoutAnyLockfileSaysSoInEveryReport() throws {
    let repo = try TemporaryRepository()
    try repo.write("README.md", "no dependencies here\n")
    let out = try TemporaryRepository(git: false)
    let sarif = out.url.appendingPathComponent("d.sarif")
    let markdown = out.url.appendingPathComponent("d.md")
    let result = try Command.parapet([
      "deps", repo.url.path, "--db", database, "--sarif", sarif.path, "--markdown", markdown.path,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let note = "no lockfile was found: no dependency was checked"
    XCTAssertTrue(result.stderr.contains("deps: warning: \(note)\n"), result.stderr)
    XCTAssertTrue(try String(contentsOf: sarif, encoding: .utf8).contains(note))
    XCTAssertTrue(try String(contentsOf: markdown, encoding: .utf8).contains(note))
  }

  func testIssue17DatabaseInfoGivesEachEcosystemItsCountAndNewestRecord() throws {
    let result = try Command.parapet(["db", "info", "--db", database])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      result.stdout,
      """
      database: \(database)
      newest record: 2026-08-21T06:28:40Z

      ecosystem  records  newest record
      PyPI       2651     2024-10-10T17:22:00.587279Z
      crates.io  1193     2026-08-21T06:28:40Z

      """)
  }

  func testIssue17ABaselineReadsTheDatabaseItIsGiven() throws {
    let repo = try TemporaryRepository()
    try repo.write("requirements.txt", "urllib3==1.26.4\n")
    let out = try TemporaryRepository(git: false)
    let baseline = out.url.appendingPathComponent("baseline.json")
    let created = try Command.parapet([
      "baseline", "create", repo.url.path, "--db", database, "-o", baseline.path,
    ])
    XCTAssertEqual(created.status, 0, created.stderr)
    // Three advisories, and the license that is not known without the installed package.
    XCTAssertEqual(created.stdout, "wrote \(baseline.path): 4 entries\n")
    let accepted = try Command.parapet([
      "deps", repo.url.path, "--db", database, "--baseline", baseline.path,
    ])
    XCTAssertEqual(accepted.status, 0, accepted.stdout)
  }
}
