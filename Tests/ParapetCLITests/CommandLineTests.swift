import Foundation
import ParapetTestSupport
import XCTest

/// Issue 15: per-job gates, environment variables, disabled rules, the defaults of an ordinary
/// lockfile-only project, and the commands around the scan (version, completion, report merge).
final class CommandLineTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 0x15_c1)
  private let database = TestPaths.shared.appendingPathComponent("data/advisories").path

  /// A repository with a leaked token and a vulnerable, unlicensed dependency.
  private func project() throws -> TemporaryRepository {
    let repo = try TemporaryRepository()
    try repo.write("app.env", "TOKEN=\(tokens.make("ghp_{{base62-crc32}}"))\n")
    try repo.write("requirements.txt", "urllib3==1.26.4\n")
    try repo.commitAll("project")
    return repo
  }

  func testIssue15PerJobGatesFromFlagsConfigurationAndEnvironment() throws {
    let repo = try project()
    let scan = ["scan", repo.url.path, "--jobs", "deps", "--db", database]
    XCTAssertEqual(try Command.parapet(scan).status, 1)
    XCTAssertEqual(try Command.parapet(scan + ["--fail-on", "deps=never"]).status, 0)
    XCTAssertEqual(
      try Command.parapet(scan + ["--fail-on", "never", "--fail-on", "deps=high"]).status, 1)
    try repo.write(".parapet.toml", "[deps]\nfail-on = \"never\"\n")
    XCTAssertEqual(try Command.parapet(scan).status, 0)
    XCTAssertEqual(try Command.parapet(scan + ["--fail-on", "low"]).status, 1, "flags win")
    // The environment overrides the file: the gate is back at low.
    let environment = Command.outsideCI.merging(["PARAPET_DEPS_FAIL_ON": "low"]) { $1 }
    XCTAssertEqual(try Command.run(TestPaths.binary, scan, environment: environment).status, 1)
    let bad = try Command.run(
      TestPaths.binary, scan,
      environment: Command.outsideCI.merging(["PARAPET_DEPS_MAX_DB_AGE": "soon"]) { $1 })
    XCTAssertEqual(bad.status, 2)
    XCTAssertEqual(
      bad.stderr,
      "parapet: $PARAPET_DEPS_MAX_DB_AGE:1:1: max-db-age must be a positive number of days\n")
  }

  func testIssue15DisabledRulesAndUnfixedAdvisoriesAreLeftOut() throws {
    let repo = try project()
    let json = repo.url.appendingPathComponent("../\(repo.url.lastPathComponent)-r.json")
    defer { try? FileManager.default.removeItem(at: json) }
    let secrets = try Command.parapet([
      "scan", repo.url.path, "--jobs", "secrets", "--disable-rule", "github-pat",
    ])
    XCTAssertEqual(secrets.status, 0, secrets.stdout)
    try repo.write(".parapet.toml", "[rules]\ndisable = [\"github-pat\"]\n")
    XCTAssertEqual(try Command.parapet(["secrets", repo.url.path]).status, 0)
    let all = try Command.parapet(["deps", repo.url.path, "--db", database, "--json", json.path])
    let unfixed = try Command.parapet([
      "deps", repo.url.path, "--db", database, "--ignore-unfixed", "--json", json.path,
    ])
    XCTAssertEqual(all.status, 1)
    XCTAssertEqual(unfixed.status, 1)
    let findings = try XCTUnwrap(JSONReport.jobs(json).first?["findings"] as? [[String: Any]])
    XCTAssertFalse(findings.isEmpty)
    XCTAssertTrue(
      findings.allSatisfy { ($0["properties"] as? [String: Any])?["fixedVersion"] != nil })
  }

  func testIssue15ALockfileOnlyProjectPassesWithANoteOnMissingLicenses() throws {
    let repo = try TemporaryRepository()
    try repo.write("requirements.txt", "requests==2.31.0\n")
    try repo.write(
      "poetry.lock", "[[package]]\nname = \"click\"\nversion = \"8.1.7\"\ngroups = [\"main\"]\n")
    try repo.write(
      "Cargo.lock", "version = 3\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.197\"\n")
    try repo.write(
      "go.mod", "module example.com/app\n\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n")
    try repo.commitAll("lockfiles only")
    let result = try Command.parapet(["scan", repo.url.path, "--db", database])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "licenses: note: 3 of 3 packages have no license evidence (the lockfiles name none and nothing is installed)"
      ), result.stderr)
    try repo.write(".parapet.toml", "[licenses]\nunknown = \"deny\"\n")
    XCTAssertEqual(try Command.parapet(["scan", repo.url.path, "--db", database]).status, 1)
    try repo.write(".parapet.toml", "[licenses]\nunknown = \"allow\"\n")
    let allowed = try Command.parapet(["licenses", repo.url.path])
    XCTAssertEqual(allowed.status, 0)
    XCTAssertFalse(allowed.stdout.contains("license-unknown"), allowed.stdout)
  }

  func testIssue15ConflictingJobSelectionsAreUsageErrors() throws {
    let repo = try project()
    let both = try Command.parapet([
      "scan", repo.url.path, "--jobs", "secrets", "--skip", "secrets",
    ])
    XCTAssertEqual(both.status, 2)
    XCTAssertTrue(both.stderr.contains("--jobs and --skip both name 'secrets'"), both.stderr)
  }

  func testIssue15VersionAndCompletion() throws {
    let version = try Command.parapet(["version", "--json"])
    let fields = try JSONSerialization.jsonObject(with: Data(version.stdout.utf8)) as? [String: Any]
    XCTAssertEqual(
      fields?["version"] as? String,
      try Command.parapet(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    for shell in ["bash", "zsh", "fish"] {
      let script = try Command.parapet(["completion", shell])
      XCTAssertEqual(script.status, 0)
      XCTAssertTrue(script.stdout.contains("sarif"), shell)
      XCTAssertTrue(script.stdout.contains("gateway"), shell)
    }
  }

  func testIssue15ReportMergeKeepsOtherToolsSARIFRunsAsTheirOwn() throws {
    let repo = try project()
    let out = try TemporaryRepository(git: false)
    let ours = out.url.appendingPathComponent("parapet.json")
    XCTAssertEqual(
      try Command.parapet(["secrets", repo.url.path, "--json", ours.path]).status, 1)
    // Shaped as bandit and semgrep write SARIF: a driver with rules, results with locations.
    let bandit = out.url.appendingPathComponent("bandit.sarif")
    try Data(
      #"""
      {"version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
       "runs": [{"tool": {"driver": {"name": "Bandit", "rules": [{"id": "B105",
         "name": "hardcoded_password_string", "properties": {"tags": ["security"]},
         "helpUri": "https://bandit.readthedocs.io/en/latest/plugins/b105_hardcoded_password_string.html"}]}},
         "invocations": [{"executionSuccessful": true}],
         "results": [{"ruleId": "B105", "level": "warning",
           "message": {"text": "Possible hardcoded password: 'hunter2'"},
           "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app/settings.py"},
             "region": {"startLine": 12, "startColumn": 5}}}]}]}]}
      """#.utf8
    ).write(to: bandit)
    let semgrep = out.url.appendingPathComponent("semgrep.sarif")
    try Data(
      #"""
      {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Semgrep OSS",
         "rules": [{"id": "python.lang.security.audit.eval-detected",
           "shortDescription": {"text": "eval detected"},
           "defaultConfiguration": {"level": "error"},
           "properties": {"security-severity": "8.1"}}]}},
         "results": [{"ruleId": "python.lang.security.audit.eval-detected",
           "message": {"text": "Detected the use of eval()"},
           "partialFingerprints": {"matchBasedId/v1": "abc123"},
           "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app/run.py"},
             "region": {"startLine": 3}}}]}]}]}
      """#.utf8
    ).write(to: semgrep)
    let sarif = out.url.appendingPathComponent("all.sarif")
    let json = out.url.appendingPathComponent("all.json")
    let junit = out.url.appendingPathComponent("all.xml")
    let merged = try Command.parapet([
      "report", "merge", ours.path, bandit.path, semgrep.path, "--sarif", sarif.path, "--json",
      json.path, "--junit", junit.path,
    ])
    XCTAssertEqual(merged.status, 1, merged.stderr)
    let jobs = try JSONReport.jobs(json)
    XCTAssertEqual(jobs.compactMap { $0["job"] as? String }, ["secrets", "bandit", "semgrep-oss"])
    let semgrepFinding = (jobs[2]["findings"] as? [[String: Any]])?.first
    XCTAssertEqual(semgrepFinding?["severity"] as? String, "high")
    XCTAssertEqual(
      (semgrepFinding?["location"] as? [String: Any])?["path"] as? String, "app/run.py")
    XCTAssertNil(try SchemaValidator.sarifErrors(sarif))
    XCTAssertEqual(try CodeScanningRules.violations(sarif), [])
    XCTAssertNil(SchemaValidator.junitErrors(junit))
  }

  func testIssue15TheManPageIsCurrent() throws {
    let dump = try Command.parapet(["--experimental-dump-help"])
    XCTAssertEqual(dump.status, 0)
    let hash = try Command.run(
      URL(fileURLWithPath: "/bin/bash"), ["-c", "sha256sum | cut -d' ' -f1"],
      input: Data(dump.stdout.utf8))
    let recorded = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/man/parapet.1.sha256"),
      encoding: .utf8)
    XCTAssertEqual(hash.stdout, recorded, "docs/man/parapet.1 is stale: run ci/man.sh")
    let page = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/man/parapet.1"),
      encoding: .utf8)
    XCTAssertTrue(page.contains(".Dt PARAPET 1"), "a man page")
  }
}
