import Foundation
import ParapetTestSupport
import XCTest
import Yams

/// `parapet scan` as users meet it: the hooks, the CI mode, a failing job, the CI templates and
/// `init`.
final class ProductTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 11)

  private func token() -> String { tokens.make("ghp_{{base62-crc32}}") }

  func testHookInstallBlocksASecretKeepsTheOldHookAndUninstallRestoresIt() throws {
    let repo = try TemporaryRepository()
    try repo.write("README", "hello\n")
    try repo.commitAll("first")
    let old = "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/old-hook-ran\"\n"
    try repo.write(".git/hooks/pre-commit", old)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755],
      ofItemAtPath: repo.url.appendingPathComponent(".git/hooks/pre-commit").path)
    let install = try Command.parapet(["hook", "install", repo.url.path])
    XCTAssertEqual(install.status, 0, install.stderr)
    XCTAssertTrue(install.stdout.contains("the hook that was there runs first"), install.stdout)

    try repo.write("config.env", "GITHUB_TOKEN=\(token())\n")
    try repo.git("add", "config.env")
    XCTAssertThrowsError(try repo.git("commit", "-q", "-m", "adds a token")) { error in
      XCTAssertTrue("\(error)".contains("parapet: stopped the commit"), "\(error)")
    }
    try repo.git("reset", "-q", "config.env")
    try repo.write("notes.txt", "nothing secret\n")
    try repo.git("add", "notes.txt")
    try repo.git("commit", "-q", "-m", "clean")
    let ran = try String(
      contentsOf: repo.url.appendingPathComponent(".git/old-hook-ran"), encoding: .utf8)
    XCTAssertEqual(ran, "ran\nran\n")

    let uninstall = try Command.parapet(["hook", "uninstall", repo.url.path])
    XCTAssertEqual(uninstall.status, 0, uninstall.stderr)
    XCTAssertEqual(
      try String(
        contentsOf: repo.url.appendingPathComponent(".git/hooks/pre-commit"), encoding: .utf8),
      old)
  }

  func testPrePushScansOnlyTheCommitsBeingPushed() throws {
    let repo = try TemporaryRepository()
    try repo.write("old.env", "TOKEN=\(token())\n")
    let pushed = try repo.commitAll("already on the remote")
    try repo.write("new.env", "TOKEN=\(token())\n")
    let local = try repo.commitAll("being pushed")
    let input = "refs/heads/main \(local) refs/heads/main \(pushed)\n"
    let result = try Command.parapet(
      ["scan", repo.url.path, "--pre-push"], input: Data(input.utf8))
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stdout.contains("new.env:1:"), result.stdout)
    XCTAssertFalse(result.stdout.contains("old.env"), result.stdout)
  }

  func testCIModeReportsOnlyTheBranchsNewCommits() throws {
    let repo = try TemporaryRepository()
    try repo.write("old.env", "TOKEN=\(token())\n")
    try repo.commitAll("on main")
    try repo.git("checkout", "-q", "-b", "feature")
    try repo.write("new.env", "TOKEN=\(token())\n")
    try repo.commitAll("on the branch")
    let result = try Command.run(
      TestPaths.binary, ["scan", repo.url.path, "--ci", "--jobs", "secrets"],
      environment: ["NO_COLOR": "1", "GITHUB_BASE_REF": "main"])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stdout.contains("new.env:1:"), result.stdout)
    XCTAssertFalse(result.stdout.contains("old.env"), result.stdout)
  }

  func testAFailingJobLeavesTheOthersResultsInEveryReportWithExit3() throws {
    let repo = try TemporaryRepository()
    try repo.write("README", "hello\n")
    try repo.commitAll("first")
    let out = try TemporaryRepository(git: false)
    let sarif = out.url.appendingPathComponent("r.sarif")
    let junit = out.url.appendingPathComponent("r.xml")
    let json = out.url.appendingPathComponent("r.json")
    let result = try Command.parapet([
      "scan", repo.url.path, "--jobs", "secrets,signatures", "--signatures-range",
      "no-such-ref..HEAD",
      "--sarif", sarif.path, "--junit", junit.path, "--json", json.path,
    ])
    XCTAssertEqual(result.status, 3, result.stdout + result.stderr)
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
    let statuses = (report?["jobs"] as? [[String: Any]])?.map {
      "\($0["job"] ?? "") \($0["status"] ?? "")"
    }
    XCTAssertEqual(statuses, ["secrets complete", "signatures failed"])
    XCTAssertNil(try SchemaValidator.sarifErrors(sarif))
    XCTAssertNil(SchemaValidator.junitErrors(junit))
    let junitText = try String(contentsOf: junit, encoding: .utf8)
    XCTAssertTrue(junitText.contains(#"name="secrets""#) && junitText.contains("<error"), junitText)
  }

  func testTheCITemplatesParseAndNameTheRightCommands() throws {
    for (service, path) in [
      ("github", "ci/github/parapet.yml"), ("gitlab", "ci/gitlab/parapet.gitlab-ci.yml"),
    ] {
      let result = try Command.parapet(["ci", service])
      XCTAssertEqual(result.status, 0, result.stderr)
      let file = try String(
        contentsOf: TestPaths.packageRoot.appendingPathComponent(path), encoding: .utf8)
      XCTAssertEqual(result.stdout, file, "\(path) is stale in the binary: run ci/embed-rules.sh")
      let document = try XCTUnwrap(try Yams.load(yaml: result.stdout) as? [String: Any], service)
      XCTAssertTrue(result.stdout.contains("parapet scan . --ci"), service)
      if service == "github" {
        let steps =
          ((document["jobs"] as? [String: Any])?["parapet"] as? [String: Any])?["steps"]
          as? [[String: Any]] ?? []
        let uses = steps.compactMap { $0["uses"] as? String }
        XCTAssertEqual(uses.count, 4)
        for action in uses {
          XCTAssertNotNil(action.range(of: "@[0-9a-f]{40}$", options: .regularExpression), action)
        }
        let upload = steps.first { ($0["uses"] as? String)?.contains("upload-sarif") == true }
        XCTAssertEqual(upload?["if"] as? String, "always()")
      } else {
        let job = try XCTUnwrap(document["parapet"] as? [String: Any])
        let artifacts = job["artifacts"] as? [String: Any]
        XCTAssertEqual(artifacts?["when"] as? String, "always")
        XCTAssertEqual(
          (artifacts?["reports"] as? [String: Any])?["junit"] as? String, "parapet.xml")
      }
    }
    let hooks = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"),
      encoding: .utf8)
    let entries = try XCTUnwrap(try Yams.load(yaml: hooks) as? [[String: Any]])
    XCTAssertEqual(entries.compactMap { $0["id"] as? String }, ["parapet-secrets", "parapet-scan"])
    XCTAssertEqual(entries.compactMap { $0["pass_filenames"] as? Bool }, [false, false])
  }

  func testInitWritesAStarterThatLoads() throws {
    let repo = try TemporaryRepository()
    try repo.write("README", "hello\n")
    try repo.commitAll("first")
    XCTAssertEqual(try Command.parapet(["init", repo.url.path]).status, 0)
    XCTAssertEqual(try Command.parapet(["init", repo.url.path]).status, 2)
    let scan = try Command.parapet(["scan", repo.url.path, "--jobs", "secrets,licenses"])
    XCTAssertEqual(scan.status, 0, scan.stdout + scan.stderr)
  }
}

extension ProductTests {
  func testBaselineRefAndFailOnNewFailOnlyOnNewFindings() throws {
    let repo = try TemporaryRepository()
    try repo.write("old.env", "TOKEN=\(token())\n")
    try repo.commitAll("on main")
    try repo.git("checkout", "-q", "-b", "feature")
    try repo.write("new.env", "TOKEN=\(token())\n")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let result = try Command.parapet([
      "scan", repo.url.path, "--jobs", "secrets", "--baseline-ref", "main", "--fail-on-new",
      "--json", json.path,
    ])
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
    let findings =
      ((report?["jobs"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]) ?? []
    let rows = findings.map {
      "\(($0["location"] as? [String: Any])?["path"] ?? "") \((($0["properties"] as? [String: Any])?["baseline"] as? Bool) ?? false)"
    }.sorted()
    XCTAssertEqual(rows, ["new.env false", "old.env true"])

    try FileManager.default.removeItem(at: repo.url.appendingPathComponent("new.env"))
    let onlyOld = try Command.parapet([
      "scan", repo.url.path, "--jobs", "secrets", "--baseline-ref", "main", "--fail-on-new",
    ])
    XCTAssertEqual(onlyOld.status, 0, onlyOld.stdout + onlyOld.stderr)
    XCTAssertEqual(try repo.git("status", "--porcelain"), "", "the repository was changed")
  }

  func testOneBaselineForEveryJobWithAnExpiry() throws {
    let repo = try TemporaryRepository()
    try repo.write("old.env", "TOKEN=\(token())\n")
    try repo.write(
      "package-lock.json",
      #"{"lockfileVersion": 3, "packages": {"": {"license": "MIT"}, "node_modules/x": {"version": "1.0.0"}}}"#
    )
    try repo.commitAll("first")
    let out = try TemporaryRepository(git: false)
    let file = out.url.appendingPathComponent("baseline.json")
    let create = try Command.parapet([
      "baseline", "create", repo.url.path, "-o", file.path, "--until", "2099-01-01",
    ])
    XCTAssertEqual(create.status, 0, create.stderr)
    let baseline = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
    let entries = baseline?["entries"] as? [[String: Any]] ?? []
    XCTAssertEqual(Set(entries.compactMap { $0["job"] as? String }), ["secrets", "licenses"])
    XCTAssertEqual(Set(entries.compactMap { $0["expires"] as? String }), ["2099-01-01"])
    let scan = try Command.parapet([
      "scan", repo.url.path, "--jobs", "secrets,licenses", "--baseline", file.path,
    ])
    XCTAssertEqual(scan.status, 0, scan.stdout + scan.stderr)
  }
}
