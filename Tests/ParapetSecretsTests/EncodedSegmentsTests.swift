import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetSecrets

/// Secrets hidden under an encoding are decoded, found, and reported at the encoded text.
final class EncodedSegmentsTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 99)

  private func scan(_ text: String) throws -> [RawMatch] {
    let (rules, allowlist) = try RuleCatalog.defaults()
    let scanner = ContentScanner(ruleSet: try RuleSet(rules: rules, allowlist: allowlist))
    return Array(text.utf8).withUnsafeBufferPointer {
      scanner.scan($0, path: "x.yaml", lineMap: .identity)
    }
  }

  func testBase64HexAndPercentEncodedSecretsAreFound() throws {
    let secret = tokens.make("sk_live_{{alnum:40}}")
    let base64 = Data(secret.utf8).base64EncodedString()
    let hex = secret.utf8.map { String(format: "%02x", $0) }.joined()
    let percent =
      "https://api.example.org/?key=" + secret.utf8.map { String(format: "%%%02X", $0) }.joined()
    for (encoding, text) in [
      ("base64", "data:\n  KEY: \(base64)\n"), ("hex", "data:\n  KEY: \(hex)\n"),
      ("percent", "data:\n  URL: \(percent)\n"),
    ] {
      let matches = try scan(text)
      XCTAssertEqual(matches.map(\.decoding), [encoding], "\(encoding): \(text)")
      XCTAssertEqual(matches.first?.startLine, 2)
      XCTAssertEqual(matches.first.map { String(decoding: $0.secret, as: UTF8.self) }, secret)
    }
  }

  func testBinaryBase64IsNotDecodedIntoFindings() throws {
    var random = SeededRandom(seed: 5)
    let bytes = (0..<600).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    let text = "<img src=\"data:image/png;base64,\(Data(bytes).base64EncodedString())\">\n"
    XCTAssertEqual(try scan(text).count, 0)
  }
}
