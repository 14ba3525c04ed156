import Foundation

/// ASCII armor (RFC 9580 §6): the base64 body between `-----BEGIN PGP …-----` and `-----END
/// PGP …-----`, headers skipped, the CRC-24 checked when present. Binary input passes through.
enum OpenPGPArmor {
  enum Problem: Error, Equatable {
    case malformed(String)
  }

  /// The binary content of every armored block in the text, or the bytes themselves when they
  /// are not armored.
  /// - Parameter bytes: armored text or binary packets.
  /// - Returns: one byte array per block.
  /// - Throws: `Problem` for broken armor or a checksum mismatch.
  static func blocks(_ bytes: [UInt8]) throws(Problem) -> [[UInt8]] {
    guard bytes.firstRange(of: Array("-----BEGIN PGP ".utf8)) != nil else { return [bytes] }
    var blocks: [[UInt8]] = []
    var body: [ArraySlice<UInt8>]?
    var inHeaders = false
    for line in ArmorLines.lines(bytes) {
      if ArmorLines.starts(line, with: "-----BEGIN PGP ") {
        body = []
        inHeaders = true
      } else if ArmorLines.starts(line, with: "-----END PGP "), let lines = body {
        blocks.append(try decode(lines))
        body = nil
      } else if body != nil {
        if inHeaders {
          // A line with a colon is a header ("Comment: …"); armor without headers starts at once.
          if line.isEmpty {
            inHeaders = false
          } else if !line.contains(UInt8(ascii: ":")) {
            inHeaders = false
            body?.append(line)
          }
        } else if !line.isEmpty {
          body?.append(line)
        }
      }
    }
    guard !blocks.isEmpty else { throw .malformed("armor without an END line") }
    return blocks
  }

  private static func decode(_ lines: [ArraySlice<UInt8>]) throws(Problem) -> [UInt8] {
    var lines = lines
    var checksum: [UInt8]?
    if let last = lines.last, last.first == UInt8(ascii: "=") {
      checksum = ArmorLines.decode([last.dropFirst()])
      lines.removeLast()
    }
    guard let bytes = ArmorLines.decode(lines) else {
      throw .malformed("armor body is not base64")
    }
    if let checksum, checksum != crc24(bytes) { throw .malformed("armor checksum mismatch") }
    return bytes
  }

  /// CRC-24 as RFC 9580 §6.1 defines it.
  static func crc24(_ bytes: [UInt8]) -> [UInt8] {
    var crc: UInt32 = 0xB7_04CE
    for byte in bytes {
      crc ^= UInt32(byte) << 16
      for _ in 0..<8 {
        crc <<= 1
        if crc & 0x100_0000 != 0 { crc ^= 0x186_4CFB }
      }
    }
    return [UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
  }
}
