import XCTest

@testable import ParapetCore

/// The redaction gate masks URL userinfo and what a recognizer reports, and nothing else.
final class RedactionGateTests: XCTestCase {
  private struct Marked: CredentialRecognizer {
    /// Reports every run of `S` characters as a secret.
    func credentialRanges(in bytes: [UInt8]) -> [Range<Int>] {
      var ranges: [Range<Int>] = []
      var start: Int?
      for (index, byte) in (bytes + [0]).enumerated() {
        if byte == UInt8(ascii: "S") {
          if start == nil { start = index }
        } else if let open = start {
          ranges.append(open..<index)
          start = nil
        }
      }
      return ranges
    }
  }

  func testURLUserinfoIsMasked() {
    let gate = RedactionGate(recognizer: nil)
    XCTAssertEqual(
      gate("'git+https://oauth2:abcdefghijklmnop@github.com/x' and ssh://git@host/y"),
      "'git+https://oauth2:abcd…@github.com/x' and ssh://git@host/y")
    XCTAssertEqual(
      gate("https://ghp_0123456789abcdefgh@github.com/x"), "https://ghp_…@github.com/x")
    XCTAssertEqual(gate("no url here: a:b@c"), "no url here: a:b@c")
  }

  func testRecognizedSecretsAreMaskedAndOverlapsMerge() {
    let gate = RedactionGate(recognizer: Marked())
    XCTAssertEqual(gate("key=SSSSSSSSSSSS end"), "key=SSS… end")
    XCTAssertEqual(
      gate("https://u:SSSSSSSSxyzw@h/ and SSSS"), "https://u:SSS…@h/ and S…")
  }

  func testMaskShowsAQuarterAtMost() {
    XCTAssertEqual(RedactionGate.mask("abcdefghijklmnop"), "abcd…")
    XCTAssertEqual(RedactionGate.mask("abcdefgh"), "ab…")
    XCTAssertEqual(RedactionGate.mask("abcdefgh", keep: nil), "abcdefgh")
  }
}
