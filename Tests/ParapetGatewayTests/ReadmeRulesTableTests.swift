import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetGateway

/// README's "checklist step → rules → formats" table is generated from the rules; this test
/// keeps it true. `PARAPET_RECORD=1` rewrites it (and fails, so a recording run is noticed).
final class ReadmeRulesTableTests: XCTestCase {
  func testReadmeTableMatchesTheRules() throws {
    let readme = TestPaths.packageRoot.appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let begin = "<!-- gateway-rules:begin -->\n"
    let end = "<!-- gateway-rules:end -->"
    let start = try XCTUnwrap(text.range(of: begin), "README has no \(begin)")
    let stop = try XCTUnwrap(text.range(of: end), "README has no \(end)")
    let current = String(text[start.upperBound..<stop.lowerBound])
    let expected = Self.table()
    if ProcessInfo.processInfo.environment["PARAPET_RECORD"] == "1", current != expected {
      try (text[..<start.upperBound] + expected + text[stop.lowerBound...])
        .write(to: readme, atomically: true, encoding: .utf8)
      XCTFail("recorded the README table; run again without PARAPET_RECORD")
    }
    XCTAssertEqual(current, expected, "run with PARAPET_RECORD=1 to regenerate")
  }

  private static func table() -> String {
    var lines = ["| step | rule | what is flagged | severity | formats |", "|---|---|---|---|---|"]
    let order = ["nginx", "kubernetes", "kong", "traefik", "envoy", "dockerfile", "ci"]
    for step in GatewayRules.steps {
      let rules = GatewayRules.byID.values.filter { $0.step == step.step }.sorted {
        $0.rule.id.localizedStandardCompare($1.rule.id) == .orderedAscending
      }
      for (index, entry) in rules.enumerated() {
        let formats = order.filter(entry.formats.contains).joined(separator: ", ")
        let label = index == 0 ? "\(step.step) \(step.title)" : ""
        lines.append(
          "| \(label) | `\(entry.rule.id)` | \(entry.rule.title) | \(entry.rule.severity.rawValue) | \(formats) |"
        )
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
