import Foundation

/// A version 4 signature packet (RFC 9580 §5.2.3) with the subpackets a verifier needs.
struct OpenPGPSignaturePacket: Sendable {
  /// 0x00 binary document, 0x01 text, 0x10-0x13 certifications, 0x18 subkey binding, 0x1F
  /// direct key, 0x20 key revocation, 0x28 subkey revocation.
  let type: UInt8
  /// 1 RSA, 22 EdDSA (legacy), 27 Ed25519.
  let publicKeyAlgorithm: UInt8
  let digest: Crypto.Digest
  /// The signed part of the packet: version to the end of the hashed subpackets.
  let hashedPart: [UInt8]
  /// The first two bytes of the digest, a quick check.
  let digestPrefix: [UInt8]
  /// The algorithm's values: RSA one, EdDSA legacy two MPIs, Ed25519 one 64-byte value.
  let values: [[UInt8]]
  /// Seconds since 1970.
  let creationTime: Int64?
  /// Seconds after creation when the signature expires; nil or 0 for never.
  let expiresAfter: Int64?
  /// For self-signatures: seconds after the key's creation when the key expires.
  let keyExpiresAfter: Int64?
  /// Upper-case hex: the 16-digit issuer key id and the 40-digit issuer fingerprint, when given.
  let issuerKeyID: String?
  let issuerFingerprint: String?

  enum Problem: Error, Equatable {
    case malformed(String)
    case unsupportedVersion(UInt8)
    case unsupportedAlgorithm(String)
  }

  /// Parses a signature packet body.
  /// - Parameter body: the packet's body.
  /// - Throws: `Problem` for anything but a well-formed v4 signature with a known digest.
  init(body: [UInt8]) throws(Problem) {
    var reader = OpenPGPReader(body)
    guard let version = reader.byte() else { throw .malformed("empty signature packet") }
    guard version == 4 else { throw .unsupportedVersion(version) }
    guard let type = reader.byte(), let algorithm = reader.byte(), let hash = reader.byte(),
      let hashedLength = reader.uint16(), let hashed = reader.raw(hashedLength)
    else { throw .malformed("truncated signature packet") }
    self.type = type
    publicKeyAlgorithm = algorithm
    switch hash {
    case 2: digest = .sha1
    case 8: digest = .sha256
    case 9: digest = .sha384
    case 10: digest = .sha512
    default: throw .unsupportedAlgorithm("hash algorithm \(hash)")
    }
    hashedPart = Array(body[0..<(6 + hashedLength)])
    guard let unhashedLength = reader.uint16(), let unhashed = reader.raw(unhashedLength),
      let prefix = reader.raw(2)
    else { throw .malformed("truncated signature packet") }
    digestPrefix = prefix
    switch algorithm {
    case 1:
      guard let value = reader.mpi() else { throw .malformed("truncated RSA signature") }
      values = [value]
    case 22:
      guard let r = reader.mpi(), let s = reader.mpi() else {
        throw .malformed("truncated EdDSA signature")
      }
      values = [r, s]
    case 27:
      guard let value = reader.raw(64) else { throw .malformed("truncated Ed25519 signature") }
      values = [value]
    default:
      throw .unsupportedAlgorithm("public-key algorithm \(algorithm)")
    }
    var creation: Int64?
    var expires: Int64?
    var keyExpires: Int64?
    var keyID: String?
    var fingerprint: String?
    // Hashed subpackets are signed; the unhashed area may only supply the issuer.
    for (area, isHashed) in [(hashed, true), (unhashed, false)] {
      for (kind, data) in try Self.subpackets(area) {
        switch (kind, isHashed) {
        case (2, true) where data.count == 4: creation = Int64(Self.integer(data))
        case (3, true) where data.count == 4: expires = Int64(Self.integer(data))
        case (9, true) where data.count == 4: keyExpires = Int64(Self.integer(data))
        case (16, _) where data.count == 8: keyID = keyID ?? Self.hex(data)
        case (33, _) where data.count == 21 && data[0] == 4:
          fingerprint = fingerprint ?? Self.hex(Array(data.dropFirst()))
        default: break
        }
      }
    }
    creationTime = creation
    expiresAfter = expires
    keyExpiresAfter = keyExpires
    issuerKeyID = keyID ?? fingerprint.map { String($0.suffix(16)) }
    issuerFingerprint = fingerprint
  }

  /// What the digest covers after the signed data: the hashed part and the v4 trailer.
  var trailer: [UInt8] {
    let length = UInt32(hashedPart.count)
    return hashedPart + [0x04, 0xFF]
      + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) }
  }

  private static func subpackets(_ area: [UInt8]) throws(Problem) -> [(Int, [UInt8])] {
    var result: [(Int, [UInt8])] = []
    var offset = 0
    while offset < area.count {
      let first = Int(area[offset])
      var length: Int
      switch first {
      case 0..<192:
        length = first
        offset += 1
      case 192..<255:
        guard offset + 1 < area.count else { throw .malformed("truncated subpacket") }
        length = ((first - 192) << 8) + Int(area[offset + 1]) + 192
        offset += 2
      default:
        guard offset + 4 < area.count else { throw .malformed("truncated subpacket") }
        length = area[(offset + 1)...(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
        offset += 5
      }
      guard length >= 1, offset + length <= area.count else {
        throw .malformed("subpacket longer than its area")
      }
      result.append((Int(area[offset] & 0x7F), Array(area[(offset + 1)..<(offset + length)])))
      offset += length
    }
    return result
  }

  private static func integer(_ bytes: [UInt8]) -> UInt32 {
    bytes.reduce(0) { $0 << 8 | UInt32($1) }
  }

  private static let hexDigits = Array("0123456789ABCDEF".utf8)

  /// Upper-case hex, as gpg prints key ids and fingerprints.
  static func hex(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(hexDigits[Int(byte >> 4)])
      out.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
