import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetGateway

/// The embedded rules must be exactly `rules/gateway/`, each with a checklist step.
final class EmbeddedRulesTests: XCTestCase {
  func testEmbeddedRulesMatchTheRuleFiles() throws {
    let folder = TestPaths.packageRoot.appendingPathComponent("rules/gateway")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".yaml") }.sorted()
    XCTAssertEqual(
      EmbeddedRules.files.map(\.path), names.map { "rules/gateway/\($0)" },
      "stale: run ci/embed-rules.sh")
    for file in EmbeddedRules.files {
      let text = try String(
        contentsOf: TestPaths.packageRoot.appendingPathComponent(file.path), encoding: .utf8)
      XCTAssertEqual(file.text + "\n", text, "\(file.path) is stale: run ci/embed-rules.sh")
    }
    XCTAssertFalse(GatewayRules.byID.isEmpty)
    for (id, entry) in GatewayRules.byID {
      XCTAssertTrue((1...10).contains(entry.step), id)
      XCTAssertTrue(id.hasPrefix("GW-"), id)
    }
  }
}
