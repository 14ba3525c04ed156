import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetDeps

/// The embedded data must be exactly `rules/deps/`.
final class EmbeddedRulesTests: XCTestCase {
  func testEmbeddedDataMatchesTheRuleFiles() throws {
    XCTAssertEqual(
      try EmbeddedFiles.staleness(EmbeddedRules.files, folder: "rules/deps", pathExtension: "json"),
      [])
  }
}
