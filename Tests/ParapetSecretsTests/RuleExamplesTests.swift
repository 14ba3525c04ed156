import ParapetCore
import ParapetTestSupport
import XCTest

@testable import ParapetSecrets

/// Runs every rule's examples, and their mutations, through the real scanner: a rule file that
/// lacks a triggering or a clean example, or whose examples do not behave, fails here with the
/// data file's line.
final class RuleExamplesTests: XCTestCase {
  private static let seeds: [UInt64] = [1, 2, 3]

  func testEveryRuleHasBothKindsOfExample() throws {
    for rule in try RuleCatalog.defaults().rules {
      XCTAssertTrue(
        rule.examples.contains { !$0.expectClean },
        "\(rule.source): rule '\(rule.id)' has no triggering example")
      XCTAssertTrue(
        rule.examples.contains { $0.expectClean },
        "\(rule.source): rule '\(rule.id)' has no clean example")
    }
  }

  func testEveryRuleIdIsUsedOnce() throws {
    let rules = try RuleCatalog.defaults().rules
    for (id, sources) in Dictionary(grouping: rules, by: \.id) where sources.count > 1 {
      XCTFail("rule id '\(id)' is written \(sources.count) times: \(sources.map(\.source))")
    }
  }

  func testAtLeast120Rules() throws {
    XCTAssertGreaterThanOrEqual(try RuleCatalog.defaults().rules.count, 120)
  }

  func testEveryPatternCompiles() throws {
    let (rules, allowlist) = try RuleCatalog.defaults()
    XCTAssertNoThrow(try RuleSet(rules: rules, allowlist: allowlist).validatePatterns())
  }

  func testTriggeringExamplesAreFoundWhereTheMarkerStands() throws {
    let set = try Self.ruleSet()
    let scanner = ContentScanner(ruleSet: set)
    for (index, rule) in set.rules.enumerated() {
      for example in rule.examples where !example.expectClean {
        for seed in Self.seeds {
          var template = ExampleTemplate(seed: seed)
          let (text, marker) = try template.expand(example.template)
          // A rule anchored at the start of a line cannot match after a prefix on that line.
          let anchored = rule.regex.hasPrefix("(?m)^")
          for variant in Self.variants(of: text, marker: marker)
          where !(anchored && variant.name == "multi-byte prefix") {
            let matches = scan(variant.text, with: scanner, path: Self.path(for: rule))
            let own = matches.filter { $0.ruleIndex == index }
            guard let first = own.first else {
              XCTFail(
                "\(example.source): expected \(rule.id) in \(variant.name) example, got \(matches.map { set.rules[$0.ruleIndex].id })\n\(variant.text)"
              )
              continue
            }
            if let expected = variant.position {
              XCTAssertEqual(
                "\(first.startLine):\(first.startColumn)", "\(expected.line):\(expected.column)",
                "\(example.source): \(rule.id) starts at the wrong place in the \(variant.name) example"
              )
            }
          }
          let suppressed = Self.suppressed(text, marker: marker)
          let silenced = scan(suppressed, with: scanner, path: Self.path(for: rule)).filter {
            $0.ruleIndex == index
          }
          XCTAssertTrue(
            silenced.isEmpty, "\(example.source): parapet:allow did not silence \(rule.id)")
        }
      }
    }
  }

  func testCleanExamplesProduceNoFindingOfTheirRule() throws {
    let set = try Self.ruleSet()
    let scanner = ContentScanner(ruleSet: set)
    for (index, rule) in set.rules.enumerated() {
      for example in rule.examples where example.expectClean {
        var template = ExampleTemplate(seed: 7)
        let (text, _) = try template.expand(example.template)
        let own = scan(text, with: scanner, path: Self.path(for: rule)).filter {
          $0.ruleIndex == index
        }
        XCTAssertTrue(
          own.isEmpty, "\(example.source): clean example of \(rule.id) was flagged:\n\(text)")
      }
    }
  }

  // MARK: - Helpers

  private static func ruleSet() throws -> RuleSet {
    let (rules, allowlist) = try RuleCatalog.defaults()
    return try RuleSet(rules: rules, allowlist: allowlist)
  }

  /// Rules limited to some paths are exercised on a path they accept.
  private static func path(for rule: SecretRule) -> String {
    rule.pathRegex == nil ? "config/settings.txt" : "keys/app.2024-05-01.private-key.pem"
  }

  private func scan(_ text: String, with scanner: ContentScanner, path: String) -> [RawMatch] {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { scanner.scan($0, path: path, lineMap: .identity) }
  }

  private struct Variant {
    let name: String
    let text: String
    let position: (line: Int, column: Int)?
  }

  /// The example as written, with CRLF line endings, and after a multi-byte prefix on its line.
  private static func variants(of text: String, marker: Int?) -> [Variant] {
    let bytes = Array(text.utf8)
    func position(_ offset: Int?, in bytes: [UInt8]) -> (Int, Int)? {
      guard let offset else { return nil }
      let before = bytes[..<offset]
      let line = before.filter { $0 == 10 }.count + 1
      let lineStart = before.lastIndex(of: 10).map { $0 + 1 } ?? 0
      return (line, offset - lineStart + 1)
    }
    var variants = [Variant(name: "plain", text: text, position: position(marker, in: bytes))]
    let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
    let crlfMarker = marker.map { offset in offset + bytes[..<offset].filter { $0 == 10 }.count }
    variants.append(
      Variant(name: "CRLF", text: crlf, position: position(crlfMarker, in: Array(crlf.utf8))))
    if let marker {
      let lineStart = bytes[..<marker].lastIndex(of: 10).map { $0 + 1 } ?? 0
      let prefix = Array("résumé ✓ ".utf8)
      let shifted = Array(bytes[..<lineStart]) + prefix + Array(bytes[lineStart...])
      variants.append(
        Variant(
          name: "multi-byte prefix", text: String(decoding: shifted, as: UTF8.self),
          position: position(marker + prefix.count, in: shifted)))
    }
    return variants
  }

  /// The example with `parapet:allow` at the end of the line where the finding starts.
  private static func suppressed(_ text: String, marker: Int?) -> String {
    var bytes = Array(text.utf8)
    let offset = marker ?? 0
    let end = bytes[offset...].firstIndex(of: 10) ?? bytes.count
    bytes.insert(contentsOf: Array(" # parapet:allow".utf8), at: end)
    return String(decoding: bytes, as: UTF8.self)
  }
}
