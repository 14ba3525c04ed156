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
    // configuration does not describe; every other step is checked in every format.
    for format in GatewayFormat.allCases {
      XCTAssertEqual(
        Set(1...10).subtracting(GatewayRules.steps(checkedIn: format)),
        [.nginx: [], .kubernetes: [], .kong: [9], .envoy: [9], .traefik: [9]][format],
        "\(format)")
    }
  }
}
