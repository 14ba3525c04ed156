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
    XCTAssertEqual(
      try EmbeddedFiles.staleJSONCopies(EmbeddedRules.files) { try Yams.load(yaml: $0) }, [],
      "stale: run ci/embed-rules.sh")
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
}
