import Foundation
import ParapetCore
import XCTest

final class TriageTests: XCTestCase {
  private func finding(
    _ path: String, line: Int, rule: String = "github-pat", commit: String? = nil
  ) -> Finding {
    Finding(
      job: "secrets", ruleId: rule, severity: .high, message: "m",
      location: Location(
        path: path, startLine: line, startColumn: 1, endLine: line, endColumn: 5, commit: commit),
      fingerprint: Fingerprint.make(ruleId: rule, path: path, contentDigest: "\(path)\(line)"))
  }

  func testFingerprintIgnoresLineNumbers() {
    XCTAssertEqual(
      Fingerprint.make(ruleId: "r", path: "a.txt", contentDigest: "d"),
      Fingerprint.make(ruleId: "r", path: "a.txt", contentDigest: "d"))
    XCTAssertNotEqual(
      Fingerprint.make(ruleId: "r", path: "a.txt", contentDigest: "d"),
      Fingerprint.make(ruleId: "r", path: "b.txt", contentDigest: "d"))
  }

  func testIgnoreListReadsFingerprintsAndGitleaksEntries() {
    let first = finding("a.env", line: 3)
    let second = finding("b.env", line: 7, commit: "abc123")
    let third = finding("c.env", line: 1)
    var list = IgnoreList()
    list.add(
      fileText: "# dismissed\n\(first.fingerprint)  # false positive\nabc123:b.env:github-pat:7\n")
    XCTAssertTrue(list.contains(first))
    XCTAssertTrue(list.contains(second))
    XCTAssertFalse(list.contains(third))
  }

  func testBaselineSuppressesAcceptedFindingsAndReportsStaleEntries() throws {
    let old = finding("a.env", line: 3)
    let gone = finding("gone.env", line: 1)
    let baseline = Baseline.accepting([old, gone], reason: "accepted", salt: "00ff")
    let data = try baseline.encoded()
    XCTAssertFalse(
      String(decoding: data, as: UTF8.self).contains(old.fingerprint),
      "a baseline stores salted digests only")
    let new = finding("new.env", line: 2)
    let report = Triage(baseline: baseline).apply(
      [JobResult(job: "secrets", findings: [new, old])], toolVersion: "t",
      startedAt: Date(timeIntervalSince1970: 0))
    XCTAssertEqual(report.results[0].findings, [new])
    XCTAssertEqual(report.suppressed, 1)
    XCTAssertEqual(
      report.results[0].notifications.map(\.message),
      ["1 baseline entry matches no finding any more; recreate the baseline to drop it"])
  }

  func testExpiredBaselineEntriesNoLongerSuppress() {
    let old = finding("a.env", line: 3)
    var baseline = Baseline.accepting([old], reason: "until fixed", salt: "01")
    baseline.entries[0].expires = "1970-01-01"
    let report = Triage(baseline: baseline).apply(
      [JobResult(job: "secrets", findings: [old])], toolVersion: "t",
      startedAt: Date(timeIntervalSince1970: 86_400 * 2))
    XCTAssertEqual(report.results[0].findings, [old])
  }

  func testBaselineEntriesExpireAtTheEndOfTheirUTCDay() {
    let old = finding("a.env", line: 3)
    // 2026-11-18T11:06:40Z
    let startedAt = Date(timeIntervalSince1970: 1_795_000_000)
    for (expires, suppressed) in [("2026-11-18", true), ("2026-11-17", false)] {
      var baseline = Baseline.accepting([old], reason: "until fixed", salt: "01")
      baseline.entries[0].expires = expires
      let report = Triage(baseline: baseline).apply(
        [JobResult(job: "secrets", findings: [old])], toolVersion: "t", startedAt: startedAt)
      XCTAssertEqual(report.results[0].findings.isEmpty, suppressed, expires)
    }
  }
}
