/// A version 4 public key or subkey packet (RFC 9580 §5.5.2) and the checks it makes.
struct OpenPGPPublicKey: Sendable {
  enum Material: Sendable {
    case rsa(modulus: [UInt8], exponent: [UInt8])
    case ed25519([UInt8])
    case unsupported(UInt8)
  }

  let creationTime: Int64
  let material: Material
  /// Upper-case hex of the v4 fingerprint (SHA-1 of the framed packet) and its last 16 digits.
  let fingerprint: String
  var keyID: String { String(fingerprint.suffix(16)) }
  /// `0x99`, a two-byte length and the packet body: how key packets enter signature digests.
  let framed: [UInt8]

  /// The OID of Ed25519 in EdDSA legacy keys (1.3.6.1.4.1.11591.15.1).
  private static let ed25519OID: [UInt8] = [0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x0F, 0x01]

  /// Parses a key packet body; nil for a version other than 4 or a truncated packet.
  init?(body: [UInt8]) {
    var reader = OpenPGPReader(body)
    guard body.count <= 0xFFFF, reader.byte() == 4, let created = reader.uint32(),
      let algorithm = reader.byte()
    else { return nil }
    creationTime = Int64(created)
    switch algorithm {
    case 1, 3:
      guard let modulus = reader.mpi(), let exponent = reader.mpi() else { return nil }
      material = .rsa(modulus: modulus, exponent: exponent)
    case 22:
      guard let oidLength = reader.byte(), let oid = reader.raw(Int(oidLength)),
        let point = reader.mpi()
      else { return nil }
      // A native point: 0x40 and the 32-byte key.
      if oid == Self.ed25519OID, point.count == 33, point[0] == 0x40 {
        material = .ed25519(Array(point.dropFirst()))
      } else {
        material = .unsupported(algorithm)
      }
    case 27:
      guard let key = reader.raw(32) else { return nil }
      material = .ed25519(key)
    default:
      material = .unsupported(algorithm)
    }
    let length = body.count
    framed = [0x99, UInt8(length >> 8), UInt8(length & 0xFF)] + body
    fingerprint = OpenPGPSignaturePacket.hex(Crypto.Digest.sha1.hash(framed))
  }

  /// Whether the signature signs `data` (the digest input before the trailer); nil when the
  /// key's algorithm cannot be verified here.
  func verify(_ signature: OpenPGPSignaturePacket, data: [UInt8]) -> Bool? {
    let message = data + signature.trailer
    switch (material, signature.publicKeyAlgorithm) {
    case (.rsa(let modulus, let exponent), 1):
      return Crypto.verifyRSA(
        modulus: modulus, exponent: exponent, digest: signature.digest, message: message,
        signature: signature.values[0])
    case (.ed25519(let key), 22), (.ed25519(let key), 27):
      // EdDSA signs the digest, not the data; legacy MPIs drop leading zeros.
      let digest = signature.digest.hash(message)
      guard digest.prefix(2).elementsEqual(signature.digestPrefix) else { return false }
      let raw =
        signature.values.count == 2
        ? signature.values.map { [UInt8](repeating: 0, count: max(0, 32 - $0.count)) + $0 }
          .joined().map { $0 } : signature.values[0]
      return Crypto.verifyEd25519(publicKey: key, message: digest, signature: Array(raw))
    case (.unsupported, _): return nil
    default: return false
    }
  }
}
