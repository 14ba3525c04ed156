import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetSignatures

/// The embedded rules must be exactly `rules/signatures/`, and name every reason code.
final class EmbeddedRulesTests: XCTestCase {
  func testEmbeddedRulesMatchTheRuleFilesAndEveryReasonHasARule() throws {
    let folder = TestPaths.packageRoot.appendingPathComponent("rules/signatures")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".yaml") }.sorted()
    XCTAssertEqual(
      EmbeddedRules.files.map(\.path), names.map { "rules/signatures/\($0)" },
      "stale: run ci/embed-rules.sh")
    for file in EmbeddedRules.files {
      let text = try String(
        contentsOf: TestPaths.packageRoot.appendingPathComponent(file.path), encoding: .utf8)
      XCTAssertEqual(file.text + "\n", text, "\(file.path) is stale: run ci/embed-rules.sh")
    }
    let reasons = SignatureVerdict.Reason.allCases.filter { $0 != .good }.map(\.rawValue)
    XCTAssertEqual(Set(SignatureRules.byID.keys), Set(reasons))
  }
}
