import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetSignatures

/// The embedded rules must be exactly `rules/signatures/`, and name every reason code.
final class EmbeddedRulesTests: XCTestCase {
  func testEmbeddedRulesMatchTheRuleFilesAndEveryReasonHasARule() throws {
    XCTAssertEqual(
      try EmbeddedFiles.staleness(
        EmbeddedRules.files, folder: "rules/signatures", pathExtension: "yaml"), [])
    let reasons = SignatureVerdict.Reason.allCases.filter { $0 != .good }.map(\.rawValue)
    XCTAssertEqual(Set(SignatureRules.byID.keys), Set(reasons))
  }
}
