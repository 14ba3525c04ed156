import COpenSSL
import Foundation

/// Stable identities for findings and salted digests for baselines.
public enum Fingerprint {
  /// A finding's fingerprint: rule, repo-relative path and a digest of the matched content.
  /// Line numbers are left out on purpose so that an edit above a finding keeps its identity.
  /// - Parameters:
  ///   - ruleId: the rule that fired.
  ///   - path: the repo-relative path.
  ///   - contentDigest: a digest of the matched content (never the content itself).
  /// - Returns: 32 lowercase hex digits.
  public static func make(ruleId: String, path: String, contentDigest: String) -> String {
    String(sha256Hex(Array("\(ruleId)\u{0}\(path)\u{0}\(contentDigest)".utf8)).prefix(32))
  }

  /// The SHA-256 of bytes as 64 lowercase hex digits.
  /// - Parameter bytes: the input.
  /// - Returns: the digest in hex.
  public static func sha256Hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    digestHex(bytes, sha256Algorithm, length: Int(SHA256_DIGEST_LENGTH))
  }

  /// The SHA-1 of bytes as 40 lowercase hex digits: the digest detect-secrets keeps of each
  /// secret in its baseline (not used for any identity of ours).
  /// - Parameter bytes: the input.
  /// - Returns: the digest in hex.
  public static func sha1Hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    digestHex(bytes, sha1, length: Int(SHA_DIGEST_LENGTH))
  }

  private static func digestHex<C: Collection>(
    _ bytes: C, _ algorithm: OpaquePointer?, length: Int
  ) -> String where C.Element == UInt8 {
    var digest = [UInt8](repeating: 0, count: length)
    let input = Array(bytes)
    input.withUnsafeBufferPointer { buffer in
      _ = EVP_Digest(buffer.baseAddress, buffer.count, &digest, nil, algorithm, nil)
    }
    return hex(digest)
  }

  nonisolated(unsafe) private static let sha1 = EVP_MD_fetch(nil, "SHA1", nil)

  /// OpenSSL 3's one-shot `SHA256()` looks the algorithm up by name on every call, which cost
  /// more than the hashing itself for the many short inputs fingerprints are; it is looked up
  /// once. The handle is immutable and OpenSSL's digest objects are safe to share across threads.
  nonisolated(unsafe) static let sha256Algorithm = EVP_MD_fetch(nil, "SHA256", nil)

  /// Lowercase hex of bytes.
  /// - Parameter bytes: the input.
  /// - Returns: two hex digits per byte.
  public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Random bytes from OpenSSL's generator, as hex.
  /// - Parameter count: how many bytes.
  /// - Returns: `2 * count` hex digits.
  public static func randomHex(count: Int) -> String {
    var bytes = [UInt8](repeating: 0, count: count)
    _ = RAND_bytes(&bytes, Int32(count))
    return hex(bytes)
  }
}
