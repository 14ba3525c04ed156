import Foundation
import ParapetCore
import XCTest

@testable import ParapetSignatures

/// The trust policy's text formats: allowed signers lines, path globs, armor checksums.
final class PolicyParsingTests: XCTestCase {
  private let ed25519 =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDX7RyDmqfwnQ0ar1ATQ8W5A+Hcz1XJd9TczCl5wHYiw"

  func testAllowedSignersLinesWithOptionsAndWithout() throws {
    let signers = try AllowedSigners(
      text: """
        # team
        alice@example.com,bob@example.com \(ed25519) alice's laptop
        *@example.com cert-authority,namespaces="git,file",valid-after="20240101",valid-before="20261231235959Z" \(ed25519)

        """, path: "allowed_signers")
    XCTAssertEqual(signers.entries.count, 2)
    XCTAssertEqual(signers.entries[0].principals, ["alice@example.com", "bob@example.com"])
    XCTAssertNil(signers.entries[0].namespaces)
    XCTAssertFalse(signers.entries[0].certificateAuthority)
    XCTAssertEqual(signers.entries[0].line, 2)
    XCTAssertTrue(signers.entries[1].certificateAuthority)
    XCTAssertEqual(signers.entries[1].namespaces, ["git", "file"])
    XCTAssertEqual(signers.entries[1].validAfter, 1_704_067_200)
    XCTAssertEqual(signers.entries[1].validBefore, 1_798_761_599)
  }

  func testAllowedSignersErrorsNameTheLine() {
    let cases: [(String, String)] = [
      (
        "alice@example.com\n",
        "allowed_signers:1:1: no valid public key after the principals and options"
      ),
      (
        "\nalice@example.com valid-before=\"2024\" \(ed25519)\n",
        "allowed_signers:2:1: valid-before takes YYYYMMDD[HHMM[SS]][Z], not '2024'"
      ),
      (
        "alice@example.com no-such-option \(ed25519)\n",
        "allowed_signers:1:1: unknown option 'no-such-option'"
      ),
    ]
    for (text, message) in cases {
      XCTAssertThrowsError(try AllowedSigners(text: text, path: "allowed_signers")) { error in
        XCTAssertEqual("\(error)", message)
      }
    }
  }

  func testPrincipalPatternsMatchAsOpenSSHDoes() {
    XCTAssertTrue(AllowedSigners.matches("grace@example.com", patterns: ["*@example.com"]))
    XCTAssertTrue(AllowedSigners.matches("Grace@Example.com", patterns: ["grace@example.com"]))
    XCTAssertFalse(
      AllowedSigners.matches("grace@example.com", patterns: ["*@example.com", "!grace@*"]))
    XCTAssertTrue(AllowedSigners.matches("a@x.io", patterns: ["?@x.io"]))
    XCTAssertFalse(AllowedSigners.matches("ab@x.io", patterns: ["?@x.io"]))
  }

  func testArmorChecksumsAndTruncatedInput() {
    XCTAssertEqual(OpenPGPArmor.crc24([]), [0xB7, 0x04, 0xCE])
    let armored = Array(
      "-----BEGIN PGP SIGNATURE-----\n\nAQID\n=AAAA\n-----END PGP SIGNATURE-----\n".utf8)
    XCTAssertThrowsError(try OpenPGPArmor.blocks(armored)) {
      XCTAssertEqual($0 as? OpenPGPArmor.Problem, .malformed("armor checksum mismatch"))
    }
    XCTAssertThrowsError(try OpenPGPPacket.packets([0xC2, 0xFF, 0x00])) {
      XCTAssertEqual($0 as? OpenPGPPacket.Problem, .malformed("truncated length"))
    }
    var reader = SSHWireReader([0, 0, 0, 9, 1, 2])
    XCTAssertNil(reader.string())
  }
}
