import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetGateway

/// The embedded rules must be exactly `rules/gateway/`, each with a checklist step.
final class EmbeddedRulesTests: XCTestCase {
  func testEmbeddedRulesMatchTheRuleFiles() throws {
    XCTAssertEqual(
      try EmbeddedFiles.staleness(
        EmbeddedRules.files, folder: "rules/gateway", pathExtension: "yaml"), [])
    XCTAssertFalse(GatewayRules.byID.isEmpty)
    for (id, entry) in GatewayRules.byID {
      XCTAssertTrue((1...10).contains(entry.step), id)
      XCTAssertTrue(id.hasPrefix("GW-"), id)
    }
  }
}
