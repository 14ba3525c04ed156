import Foundation
import ParapetTestSupport
import XCTest

/// Issue 19: a history scan reads packed blobs itself, resolving git's deltas; what it reports
/// from a packed history is what it reports from the same history unpacked.
final class SecretsPackedHistoryTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 1919)

  func testAPackedHistoryReportsWhatTheLooseOneReports() throws {
    let repo = try TemporaryRepository()
    var lines = (0..<40).map { "option_\($0) = \($0 * 37 % 100)" }
    var planted: [String] = []
    for index in 0..<45 {
      lines[index % lines.count] = "option_\(index % lines.count) = \(index + 1000)"
      if index % 15 == 7 {
        // A token that a later version of the file drops again: only an old, deltified
        // version of it holds the token once packed.
        let token = tokens.make("dop_v1_{{hex:64}}")
        planted.append(token)
        lines[39] = "token = \"\(token)\""
      } else if index % 15 == 9 {
        lines[39] = "token = None"
      }
      try repo.write("service/settings.py", lines.joined(separator: "\n") + "\n")
      try repo.commitAll("change \(index)")
    }
    let out = try TemporaryRepository(git: false)
    func scan(_ name: String) throws -> [String: Any] {
      let json = out.url.appendingPathComponent(name)
      let result = try Command.parapet(
        ["secrets", repo.url.path, "--history", "--json", json.path])
      XCTAssertEqual(result.status, 1, result.stderr)
      var job = try JSONReport.jobs(json).first ?? [:]
      job["durationMs"] = nil
      return job
    }
    let loose = try scan("loose.json")
    try repo.git("gc", "-q", "--aggressive")
    XCTAssertTrue(try repo.git("count-objects", "-v").hasPrefix("count: 0\n"))
    let packed = try scan("packed.json")

    let findings = try XCTUnwrap(packed["findings"] as? [[String: Any]])
    XCTAssertEqual(findings.count, planted.count)
    XCTAssertEqual(
      Set(findings.compactMap { ($0["location"] as? [String: Any])?["startLine"] as? Int }), [40])
    XCTAssertTrue(
      NSDictionary(dictionary: packed).isEqual(to: loose),
      "the packed history's report differs from the loose one's")
  }
}
