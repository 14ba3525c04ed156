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
    XCTAssertTrue(result.stderr.contains("parapet: stopped the push: 1 finding"), result.stderr)
    XCTAssertTrue(result.stderr.contains("\n  new.env:1  "), result.stderr)
    XCTAssertFalse(result.stderr.contains("old.env"), result.stderr)
    XCTAssertTrue(
      result.stderr.hasSuffix("To push anyway, once, skipping every hook: git push --no-verify\n"),
      result.stderr)
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
    let jobs = try JSONReport.jobs(json)
    let statuses = jobs.map {
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
      let filled = file.replacingOccurrences(
        of: "PARAPET_ACTION", with: "parapet-dev/parapet@v0.1.0"
      ).replacingOccurrences(of: "PARAPET_IMAGE", with: "ghcr.io/parapet-dev/parapet:0.1.0")
      XCTAssertEqual(result.stdout, filled, "\(path) is stale in the binary: run ci/embed-rules.sh")
      let document = try XCTUnwrap(try Yams.load(yaml: result.stdout) as? [String: Any], service)
      if service == "github" {
        let steps =
          ((document["jobs"] as? [String: Any])?["parapet"] as? [String: Any])?["steps"]
          as? [[String: Any]] ?? []
        let uses = steps.compactMap { $0["uses"] as? String }
        XCTAssertEqual(
          uses,
          [
            "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
            "parapet-dev/parapet@v0.1.0",
            "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02",
          ])
        let triggers = try XCTUnwrap(document["on"] as? [String: Any])
        XCTAssertEqual(
          Set(triggers.keys), ["pull_request", "push", "schedule", "workflow_dispatch"])
      } else {
        XCTAssertTrue(result.stdout.contains("parapet scan . --ci"), service)
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
    XCTAssertEqual(
      entries.compactMap { $0["id"] as? String },
      ["parapet-secrets", "parapet-scan", "parapet-secrets-docker"])
    XCTAssertEqual(entries.compactMap { $0["pass_filenames"] as? Bool }, [false, false, false])
    // Issue 15: the image's entrypoint is parapet, so the entry is the image and its arguments.
    XCTAssertEqual(entries.last?["language"] as? String, "docker_image")
    XCTAssertEqual(
      entries.last?["entry"] as? String,
      "ghcr.io/parapet-dev/parapet:0.1.0 scan --pre-commit --jobs secrets")
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
    let jobs = try JSONReport.jobs(json)
    let findings =
      (jobs.first?["findings"] as? [[String: Any]]) ?? []
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

extension ProductTests {
  /// Two shards of an audit, merged, are the audit in one run (times aside).
  func testMergedShardsEqualOneAuditRun() throws {
    let first = try TemporaryRepository()
    try first.write("app.env", "TOKEN=\(token())\n")
    try first.commitAll("one")
    let second = try TemporaryRepository()
    try second.write("deploy.env", "TOKEN=\(token())\n")
    try second.commitAll("two")
    try second.write(
      "package-lock.json",
      #"{"lockfileVersion": 3, "packages": {"": {"license": "MIT"}, "node_modules/gpl-thing": {"version": "1.0.0", "license": "GPL-3.0-only"}}}"#
    )
    try second.commitAll("lockfile")
    let out = try TemporaryRepository(git: false)
    // The second repository by URL, cloned with libgit2.
    try out.write("repos.txt", "# fleet\n\(first.url.path)\nfile://\(second.url.path)\n")
    let list = out.url.appendingPathComponent("repos.txt").path
    func audit(_ shard: String, _ name: String) throws -> CommandResult {
      try Command.parapet([
        "audit", "--repos", list, "--shard", shard,
        "--json", out.url.appendingPathComponent("\(name).json").path,
      ])
    }
    XCTAssertEqual(try audit("1/2", "shard1").status, 1)
    XCTAssertEqual(try audit("2/2", "shard2").status, 1)
    let whole = try audit("1/1", "whole")
    XCTAssertEqual(whole.status, 1, whole.stdout + whole.stderr)
    let merged = out.url.appendingPathComponent("merged.json")
    let sarif = out.url.appendingPathComponent("merged.sarif")
    let junit = out.url.appendingPathComponent("merged.xml")
    let merge = try Command.parapet([
      "report", "merge", out.url.appendingPathComponent("shard1.json").path,
      out.url.appendingPathComponent("shard2.json").path, "--json", merged.path, "--sarif",
      sarif.path, "--junit", junit.path,
    ])
    XCTAssertEqual(merge.status, 1, merge.stderr)
    XCTAssertNil(try SchemaValidator.sarifErrors(sarif))
    XCTAssertNil(SchemaValidator.junitErrors(junit))
    func comparable(_ url: URL) throws -> [[String: String]] {
      let jobs = try JSONReport.jobs(url)
      return jobs.map { job in
        let findings = (job["findings"] as? [[String: Any]] ?? []).map {
          "\($0["ruleId"] ?? "") \(($0["location"] as? [String: Any])?["path"] ?? "") \($0["fingerprint"] ?? "")"
        }
        return [
          "job": "\(job["job"] ?? "")", "status": "\(job["status"] ?? "")",
          "checked": "\((job["checked"] as? [String] ?? []).sorted())",
          "findings": "\(findings.sorted())",
        ]
      }
    }
    let one = try comparable(out.url.appendingPathComponent("whole.json"))
    XCTAssertEqual(try comparable(merged), one)
    XCTAssertTrue(one.contains { $0["findings"]?.contains("license-denied") == true })
    XCTAssertTrue(
      one.contains {
        $0["checked"]?.contains("\(second.url.lastPathComponent)/package-lock.json gpl-thing@1.0.0")
          == true
      })
  }

  func testTheAuditTemplatesNameTheShards() throws {
    let matrix = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("ci/github/parapet-audit.yml"),
      encoding: .utf8)
    let workflow = try XCTUnwrap(try Yams.load(yaml: matrix) as? [String: Any])
    let jobs = try XCTUnwrap(workflow["jobs"] as? [String: Any])
    XCTAssertNotNil(jobs["merge"])
    XCTAssertTrue(matrix.contains("parapet audit --repos"), matrix)
    XCTAssertTrue(matrix.contains("parapet report merge"), matrix)
    let manifest = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent(
        "ci/kubernetes/parapet-audit-job.yaml"),
      encoding: .utf8)
    let job = try XCTUnwrap(try Yams.load(yaml: manifest) as? [String: Any])
    XCTAssertEqual(job["kind"] as? String, "Job")
    let spec = try XCTUnwrap(job["spec"] as? [String: Any])
    XCTAssertEqual(spec["completionMode"] as? String, "Indexed")
    XCTAssertEqual(spec["completions"] as? Int, spec["parallelism"] as? Int)
    XCTAssertTrue(manifest.contains("JOB_COMPLETION_INDEX"), manifest)
  }
}

extension ProductTests {
  func testALiveLinePerJobOnATerminalOnly() throws {
    let repo = try TemporaryRepository()
    try repo.write("README", "hello\n")
    try repo.commitAll("first")
    // `script` gives the command a terminal.
    let command = "'\(TestPaths.binary.path)' scan '\(repo.url.path)' --jobs secrets,licenses"
    let onTerminal = try Command.run(
      URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"],
      environment: Command.outsideCI)
    XCTAssertEqual(onTerminal.status, 0, onTerminal.stdout)
    XCTAssertTrue(onTerminal.stdout.contains("✓ secrets      complete"), onTerminal.stdout)
    XCTAssertTrue(onTerminal.stdout.contains("✓ licenses     complete"), onTerminal.stdout)
    let plain = try Command.parapet(["scan", repo.url.path, "--jobs", "secrets,licenses"])
    XCTAssertFalse((plain.stdout + plain.stderr).contains("✓"), plain.stdout + plain.stderr)
  }
}

extension ProductTests {
  /// README's first command scans this repository and must exit 0: a rule that starts firing on
  /// parapet's own source fails here first.
  func testThisRepositoryScansClean() throws {
    let result = try Command.parapet([
      "scan", TestPaths.packageRoot.path, "--jobs", "secrets,licenses,gateway",
    ])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
  }
}
