import Foundation
import ParapetTestSupport
import XCTest
import Yams

@testable import ParapetGateway

/// The embedded rules must be exactly `rules/gateway/` (as JSON), each with a checklist step.
final class EmbeddedRulesTests: XCTestCase {
  func testEmbeddedRulesAreTheRuleFilesAsJSON() throws {
    let folder = TestPaths.packageRoot.appendingPathComponent("rules/gateway")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".yaml") }.sorted()
    XCTAssertEqual(
      EmbeddedRules.files.map(\.path), names.map { "rules/gateway/\($0)" },
      "run ci/embed-rules.sh")
    XCTAssertEqual(
      try EmbeddedFiles.staleJSONCopies(EmbeddedRules.files) { try Yams.load(yaml: $0) }, [],
      "stale: run ci/embed-rules.sh")
  }

  func testEveryRuleHasAStepFormatsAndItsTexts() throws {
    XCTAssertFalse(GatewayRules.byID.isEmpty)
    let formats = Set(GatewayFormat.allCases.map(\.rawValue)).union(["ci"])
    for (id, entry) in GatewayRules.byID {
      XCTAssertTrue((1...10).contains(entry.step), id)
      XCTAssertTrue(id.hasPrefix("GW-"), id)
      XCTAssertFalse(entry.formats.isEmpty, id)
      XCTAssertNotEqual(entry.rule.title, id, "\(id) has no title")
      XCTAssertNotEqual(entry.rule.description, entry.rule.title, "\(id) has no description")
      XCTAssertFalse(entry.rule.help.isEmpty, "\(id) has no help")
      XCTAssertFalse(entry.rule.references.isEmpty, "\(id) has no references")
      XCTAssertEqual(entry.formats.subtracting(formats), [], id)
    }
    XCTAssertGreaterThanOrEqual(GatewayRules.byID.count, 45)
    XCTAssertEqual(GatewayRules.steps.map(\.step), Array(1...10))
    XCTAssertEqual(Set(GatewayRules.byID.values.map(\.step)), Set(1...10))
    // Container security is about processes and images, which Kong, Traefik and Envoy
    // configuration does not describe, and all a Dockerfile describes; every other step is
    // checked in every gateway format.
    for format in GatewayFormat.allCases {
      XCTAssertEqual(
        Set(1...10).subtracting(GatewayRules.steps(checkedIn: format)),
        [
          .nginx: [], .kubernetes: [], .kong: [9], .envoy: [9], .traefik: [9],
          .dockerfile: Set(1...10).subtracting([9]),
        ][format],
        "\(format)")
    }
  }
}
