import Foundation
import XCTest

@testable import ParapetSecrets

/// The embedded rules must be exactly the files under `rules/secrets/`: regenerate them with
/// `ci/embed-rules.sh` after editing a rule.
final class EmbeddedRulesTests: XCTestCase {
  func testEmbeddedRulesMatchTheRuleFiles() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let folder = root.appendingPathComponent("rules/secrets")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".toml")
    }.sorted()
    XCTAssertEqual(
      EmbeddedRules.files.map(\.path), names.map { "rules/secrets/\($0)" },
      "stale: run ci/embed-rules.sh")
    for file in EmbeddedRules.files {
      let text = try String(contentsOf: root.appendingPathComponent(file.path), encoding: .utf8)
      XCTAssertEqual(
        file.text + "\n", text,
        "\(file.path) is stale in EmbeddedRules.swift: run ci/embed-rules.sh")
    }
  }
}
