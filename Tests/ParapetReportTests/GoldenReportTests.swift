import Foundation
import ParapetCore
import ParapetReport
import ParapetTestSupport
import XCTest

/// Each writer's output for a fixed run, compared byte for byte with `Golden/`, and validated
/// against the official schema. Re-record with `PARAPET_RECORD=1 swift test`; a recording run fails
/// on purpose so that a re-baseline is never silent.
final class GoldenReportTests: XCTestCase {
  static let report: RunReport = {
    let rule = RuleDescriptor(
      id: "github-pat", title: "GitHub personal access token",
      description: "A classic GitHub token.",
      severity: .critical, help: "Revoke the token.", references: ["https://docs.github.com/"],
      tags: ["security", "secret"])
    let stripe = RuleDescriptor(
      id: "stripe-secret-key", title: "Stripe live secret key", description: "A Stripe key.",
      severity: .critical, help: "Roll the key.", references: [], tags: ["security", "secret"])
    let findings = [
      Finding(
        job: "secrets", ruleId: "github-pat", severity: .critical,
        message: "GitHub personal access token 'ghp_…'",
        location: Location(
          path: "config/app yml.yaml", startLine: 3, startColumn: 10, endLine: 3, endColumn: 50,
          commit: "0123456789abcdef0123456789abcdef01234567", author: "Ada <ada@example.org>",
          date: "2024-01-02T03:04:05Z"),
        fingerprint: "00112233445566778899aabbccddeeff",
        properties: ["secret": .string("ghp_…"), "commitsCarrying": .int(2)]),
      Finding(
        job: "secrets", ruleId: "stripe-secret-key", severity: .critical,
        message: "Stripe live secret key 'sk_l…' (base64-encoded)",
        location: Location(
          path: "k8s/secret.yaml", startLine: 7, startColumn: 11, endLine: 7, endColumn: 90),
        fingerprint: "ffeeddccbbaa99887766554433221100",
        properties: ["secret": .string("sk_l…"), "decoding": .string("base64")]),
    ]
    return RunReport(
      toolVersion: "0.0.0-test",
      results: [
        JobResult(
          job: "secrets", status: .complete, findings: findings,
          notifications: [Notice(.note, "skipped 1 file: binary")],
          checked: ["README.md", "config/app yml.yaml", "k8s/secret.yaml"], rules: [rule, stripe],
          coverage: {
            var c = Coverage(); c.files = 3; c.bytes = 420; c.skip("binary"); return c
          }(), durationMs: 42),
        JobResult(
          job: "deps", status: .failed,
          notifications: [Notice(.error, "deps job failed: no database")], durationMs: 3),
      ],
      suppressed: 1, startedAt: Date(timeIntervalSince1970: 1_700_000_000))
  }()

  func testSARIF() throws {
    let data = try SARIFWriter.render(Self.report)
    try assertGolden(data, "report.sarif")
    try assertValid(data, ext: "sarif") {
      try SchemaValidator.sarifErrors($0)
    }
  }

  func testJUnit() throws {
    let data = try JUnitWriter.render(Self.report)
    try assertGolden(data, "report.xml")
    try assertValid(data, ext: "xml") {
      SchemaValidator.junitErrors($0)
    }
  }

  func testJUnitGitLabFlavorAddsFile() throws {
    try assertGolden(try JUnitWriter.render(Self.report, flavor: .gitlab), "report-gitlab.xml")
  }

  func testJSON() throws {
    try assertGolden(try JSONWriter.render(Self.report), "report.json")
  }

  func testSummary() throws {
    try assertGolden(
      Data(SummaryWriter.render(Self.report, color: false, quiet: false).utf8), "summary.txt")
    XCTAssertEqual(
      SummaryWriter.render(Self.report, color: false, quiet: true),
      "2 findings, 1 suppressed; failed: deps\n")
    // Notes, warnings and errors are the other stream (standard error).
    XCTAssertEqual(
      SummaryWriter.messages(Self.report, quiet: false),
      "secrets: note: skipped 1 file: binary\ndeps: error: deps job failed: no database\n")
    XCTAssertEqual(
      SummaryWriter.messages(Self.report, quiet: true),
      "deps: error: deps job failed: no database\n")
  }

  /// Issue 15: a job's findings past the first 20 are counted, not listed (the thousands of an
  /// audit's signature findings would bury one leaked secret); secrets come first; control
  /// characters from file names are shown escaped.
  func testSummaryGroupsFindingsAndEscapesControlCharacters() {
    var report = Self.report
    let many = (1...25).map { index in
      Finding(
        job: "signatures", ruleId: "unsigned", severity: .medium, message: "commit \(index)",
        location: Location(
          path: ".parapet.toml", startLine: 1, startColumn: 1, endLine: 1, endColumn: 1),
        fingerprint: "f\(index)")
    }
    report.results.insert(JobResult(job: "signatures", findings: many), at: 0)
    report.results[1].findings[0].location?.path = "evil\u{1B}]0;pwned\u{07}.env"
    let text = SummaryWriter.render(report, color: false, quiet: false)
    let lines = text.split(separator: "\n")
    XCTAssertTrue(lines[0].hasPrefix("evil\\x1B]0;pwned\\x07.env:3:10"), String(lines[0]))
    XCTAssertEqual(lines.filter { $0.contains(" unsigned: ") }.count, 20)
    XCTAssertTrue(
      text.contains("… and 5 more signatures findings (see --json, or --verbose)\n"), text)
    XCTAssertEqual(
      SummaryWriter.render(report, color: false, quiet: false, verbose: true).split(
        separator: "\n"
      ).filter { $0.contains(" unsigned: ") }.count, 25)
  }

  func testSARIFKeepsTheMostSevereResultsPastTheLimit() throws {
    var report = Self.report
    report.results[0].findings.append(
      Finding(
        job: "secrets", ruleId: "jwt", severity: .low, message: "JSON Web Token 'eyJh…'",
        location: Location(path: "a.txt", startLine: 1, startColumn: 1, endLine: 1, endColumn: 9),
        fingerprint: "aa"))
    let data = try SARIFWriter.render(report, maximumResults: 2)
    let text = String(decoding: data, as: UTF8.self)
    XCTAssertFalse(text.contains("\"ruleId\" : \"jwt\""))
    XCTAssertTrue(text.contains("1 of 3 results left out"), text)
  }

  /// Issue 14: code scanning refuses a file of more than 20 runs; the rest are named in a
  /// notification of the last run kept, and the file is accepted.
  func testSARIFKeepsTwentyRunsAndNamesTheRest() throws {
    var report = Self.report
    report.results = (1...23).map { JobResult(job: "tool-\($0)") }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runs-\(UUID().uuidString).sarif")
    try SARIFWriter.render(report).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    XCTAssertEqual(try CodeScanningRules.violations(url), [])
    let text = try String(contentsOf: url, encoding: .utf8)
    XCTAssertTrue(
      text.contains(
        "3 more runs left out (tool-21, tool-22, tool-23): code scanning accepts 20 runs per file"),
      text)
  }

  private func assertGolden(
    _ data: Data, _ name: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Golden/\(name)")
    if ProcessInfo.processInfo.environment["PARAPET_RECORD"] != nil
      || !FileManager.default.fileExists(atPath: url.path)
    {
      try data.write(to: url)
      XCTFail("recorded \(name); run again without PARAPET_RECORD", file: file, line: line)
      return
    }
    let expected = try Data(contentsOf: url)
    XCTAssertEqual(
      String(decoding: data, as: UTF8.self), String(decoding: expected, as: UTF8.self),
      "\(name) differs from its golden file", file: file, line: line)
  }

  private func assertValid(_ data: Data, ext: String, _ validate: (URL) throws -> String?) throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "golden-\(UUID().uuidString).\(ext)")
    try data.write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    XCTAssertNil(try validate(url))
  }
}

extension GoldenReportTests {
  /// Issue 15: a Markdown report fits a step summary or a merge request comment: past 65,000
  /// characters it stops, saying how many findings are left out and where the rest is.
  func testMarkdownStopsAtItsLimitWithAPointer() {
    var report = Self.report
    report.results[0].findings = (1...2_000).map { index in
      Finding(
        job: "secrets", ruleId: "github-pat", severity: .critical,
        message: "GitHub personal access token 'ghp_…' | in a table",
        location: Location(
          path: "config/file-\(index).env", startLine: index, startColumn: 1, endLine: index,
          endColumn: 9), fingerprint: "f\(index)")
    }
    let text = MarkdownWriter.render(report, fullReport: "parapet.json")
    XCTAssertLessThanOrEqual(text.count, MarkdownWriter.maximumCharacters)
    XCTAssertTrue(text.hasPrefix("## Parapet: 2000 findings (2000 critical)\n"), text)
    XCTAssertTrue(text.contains("| critical | `github-pat` | `config/file-1.env:1` |"))
    XCTAssertTrue(text.contains("'ghp_…' \\| in a table"), "pipes are escaped in cells")
    let shown = text.components(separatedBy: "| critical | `").count - 1
    XCTAssertTrue(
      text.hasSuffix("_… \(2000 - shown) more findings not shown here: see parapet.json._\n"),
      String(text.suffix(200)))
    XCTAssertEqual(
      MarkdownWriter.render(Self.report).components(separatedBy: "| critical | `").count - 1, 2)
  }
}
