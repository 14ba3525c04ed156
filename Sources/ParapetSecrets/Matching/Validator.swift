import Foundation

/// Offline checks of token formats that carry a checksum or an encoding, so a random look-alike
/// is not reported.
enum Validator: String, Sendable, CaseIterable {
  /// GitHub and npm tokens: `prefix_` + 30 base62 characters + a 6-character base62 CRC32 of them.
  case base62CRC32 = "base62-crc32"
  /// HTTP Basic credentials: base64 of printable `user:password`. The rule's allowlist is matched
  /// against the decoded pair, so that documentation pairs (`user:pass`) can be listed as data.
  case basicCredentials = "basic-credentials"
  /// A URL's password: any bytes, but the rule's allowlist is matched against it
  /// percent-decoded, so that `p%40ssword` is judged as the `p@ssword` it is.
  case urlUserinfo = "url-userinfo"

  /// Whether a secret passes the check.
  /// - Parameter secret: the secret bytes.
  /// - Returns: true when the checksum is right.
  func accepts(_ secret: ArraySlice<UInt8>) -> Bool {
    switch self {
    case .base62CRC32:
      guard let underscore = secret.lastIndex(of: UInt8(ascii: "_")) else { return false }
      let body = secret[(underscore + 1)...]
      guard body.count == 36 else { return false }
      let entropy = body.prefix(30)
      guard let checksum = Base62.decode(body.suffix(6)) else { return false }
      return CRC32.checksum(entropy) == checksum
    case .basicCredentials:
      guard let pair = Self.basicPair(secret) else { return false }
      return pair.contains(UInt8(ascii: ":")) && pair.allSatisfy { $0 >= 0x20 && $0 < 0x7f }
    case .urlUserinfo:
      return true
    }
  }

  /// What the rule's allowlist is matched against: the decoded pair for Basic credentials, the
  /// secret itself otherwise.
  /// - Parameter secret: the secret bytes.
  /// - Returns: the bytes to judge.
  func subject(of secret: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    switch self {
    case .base62CRC32: return secret
    case .basicCredentials: return Self.basicPair(secret).map { $0[...] } ?? secret
    case .urlUserinfo: return (EncodedSegments.percentDecode(Array(secret)) ?? Array(secret))[...]
    }
  }

  private static func basicPair(_ secret: ArraySlice<UInt8>) -> [UInt8]? {
    Data(base64Encoded: Data(secret)).map { [UInt8]($0) }
  }
}

/// Base62 over `0-9A-Za-z`, the alphabet of GitHub and npm token checksums. Public so that
/// test fixtures can make checksummed tokens.
public enum Base62 {
  static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

  static func decode<C: Collection>(_ digits: C) -> UInt64? where C.Element == UInt8 {
    var value: UInt64 = 0
    for digit in digits {
      guard let index = alphabet.firstIndex(of: digit) else { return nil }
      value = value * 62 + UInt64(index)
    }
    return value
  }

  /// The digits of a value, left-padded with `0`.
  /// - Parameters:
  ///   - value: the number.
  ///   - width: the minimum number of digits.
  /// - Returns: ASCII digits.
  public static func encode(_ value: UInt64, width: Int) -> [UInt8] {
    var digits: [UInt8] = []
    var rest = value
    repeat {
      digits.append(alphabet[Int(rest % 62)])
      rest /= 62
    } while rest > 0
    while digits.count < width { digits.append(alphabet[0]) }
    return digits.reversed()
  }
}

/// The CRC-32 of IEEE 802.3 (zlib's `crc32`).
public enum CRC32 {
  private static let table: [UInt32] = (0..<256).map { index in
    var crc = UInt32(index)
    for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    return crc
  }

  /// The checksum of bytes.
  /// - Parameter bytes: the input.
  /// - Returns: the CRC-32, widened.
  public static func checksum<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8) }
    return UInt64(crc ^ 0xFFFF_FFFF)
  }
}
