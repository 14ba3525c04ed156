import Foundation
import ParapetTestSupport
import XCTest

/// Every subcommand's help text, pinned, so a change to the command line shows up in review.
/// Re-record with `PARAPET_RECORD=1`; a recording run fails on purpose.
final class HelpSnapshotTests: XCTestCase {
  func testHelpTexts() throws {
    let commands = [
      [], ["scan"], ["secrets"], ["deps"], ["licenses"], ["signatures"], ["gateway"], ["image"],
      ["sbom"],
      ["db"],
      ["db", "import"],
      ["db", "info"],
      ["db", "update"], ["db", "ecosystems"], ["version"], ["completion"], ["rules"],
      ["rules", "list"], ["rules", "explain"],
      ["baseline"],
      ["baseline", "create"], ["hook", "install"], ["hook", "uninstall"], ["ci"], ["init"],
      ["audit"], ["report", "merge"],
    ]
    for command in commands {
      let result = try Command.parapet(command + ["--help"])
      XCTAssertEqual(result.status, 0, result.stderr)
      let name = (["parapet"] + command).joined(separator: "-")
      let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots/\(name).txt")
      if ProcessInfo.processInfo.environment["PARAPET_RECORD"] != nil
        || !FileManager.default.fileExists(atPath: url.path)
      {
        try Data(result.stdout.utf8).write(to: url)
        XCTFail("recorded \(name).txt; run again without PARAPET_RECORD")
        continue
      }
      XCTAssertEqual(
        result.stdout, try String(contentsOf: url, encoding: .utf8), "help of \(name) changed")
    }
  }

  func testRulesListAndExplain() throws {
    let list = try Command.parapet(["rules", "list"])
    XCTAssertEqual(list.status, 0)
    let lines = list.stdout.split(separator: "\n")
    XCTAssertGreaterThanOrEqual(lines.count, 121)
    XCTAssertTrue(lines.contains { $0.hasSuffix(" rules") })
    XCTAssertTrue(
      lines.contains {
        $0.hasPrefix("github-pat ") && $0.hasSuffix("critical  GitHub personal access token")
      })
    // Issue 15: every job's rules, and the deps job's advisories from the database.
    for (id, job) in [
      ("GW-TLS-001", "gateway"), ("license-unknown", "licenses"), ("unsigned", "signatures"),
    ] {
      XCTAssertTrue(
        lines.contains { $0.hasPrefix("\(id) ") && $0.contains("  \(job)  ") }, "\(id)")
      let explain = try Command.parapet(["rules", "explain", id])
      XCTAssertEqual(explain.status, 0, id)
      XCTAssertTrue(explain.stdout.contains("\njob: \(job)\n"), explain.stdout)
    }
    let advisory = try Command.parapet([
      "rules", "explain", "CVE-2023-32681", "--db",
      TestPaths.shared.appendingPathComponent("data/advisories").path,
    ])
    XCTAssertEqual(advisory.status, 0, advisory.stderr)
    XCTAssertTrue(advisory.stdout.hasPrefix("PYSEC-2023-74: "), advisory.stdout)
    XCTAssertTrue(advisory.stdout.contains("affects: PyPI requests"), advisory.stdout)
    let explain = try Command.parapet(["rules", "explain", "github-pat"])
    XCTAssertEqual(explain.status, 0)
    XCTAssertTrue(
      explain.stdout.hasPrefix("github-pat: GitHub personal access token\n"), explain.stdout)
    XCTAssertTrue(explain.stdout.contains("defined in: rules/secrets/github.toml:"), explain.stdout)
    let unknown = try Command.parapet(["rules", "explain", "no-such-rule"])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertEqual(unknown.stderr, "parapet: no rule 'no-such-rule'; see 'parapet rules list'\n")
  }
}

extension HelpSnapshotTests {
  /// docs/rules.md is generated from the rule data; regenerate it after editing a rule.
  func testRulesReferenceIsCurrent() throws {
    let generated = try Command.parapet(["rules", "list", "--markdown"])
    XCTAssertEqual(generated.status, 0)
    let committed = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
    XCTAssertEqual(
      generated.stdout, committed, "stale: run 'parapet rules list --markdown > docs/rules.md'")
  }
}
