import Foundation
import ParapetTestSupport
import XCTest
import Yams

@testable import ParapetImage

/// The embedded rules must be exactly `rules/image/` (as JSON), each with its texts.
final class EmbeddedRulesTests: XCTestCase {
  func testEmbeddedRulesAreTheRuleFilesAsJSON() throws {
    XCTAssertEqual(
      EmbeddedRules.files.map(\.path), ["rules/image/rules.yaml"], "run ci/embed-rules.sh")
    for file in EmbeddedRules.files {
      let yaml = try Yams.load(
        yaml: String(
          contentsOf: TestPaths.packageRoot.appendingPathComponent(file.path), encoding: .utf8))
      let json = try JSONSerialization.jsonObject(with: Data(file.text.utf8))
      XCTAssertEqual(
        try Self.canonical(json), try Self.canonical(yaml),
        "\(file.path) is stale: run ci/embed-rules.sh")
    }
  }

  func testEveryRuleHasItsTexts() {
    XCTAssertEqual(
      ImageRules.byID.keys.sorted(),
      [
        "IMG-CACHE-001", "IMG-ENV-001", "IMG-HEALTH-001", "IMG-PERM-001", "IMG-SUID-001",
        "IMG-USER-001",
      ])
    for rule in ImageRules.byID.values {
      XCTAssertFalse(rule.description.isEmpty, rule.id)
      XCTAssertFalse(rule.help.isEmpty, rule.id)
      XCTAssertFalse(rule.references.isEmpty, rule.id)
    }
  }

  /// A value as sorted-key JSON, to compare what YAML and JSON parsers read.
  private static func canonical(_ value: Any?) throws -> String {
    String(
      decoding: try JSONSerialization.data(
        withJSONObject: value ?? NSNull(), options: [.sortedKeys]), as: UTF8.self)
  }
}
