import Foundation

/// An SSH public key or user certificate, from its wire blob.
struct SSHPublicKey: Hashable, Sendable {
  indirect enum Material: Hashable, Sendable {
    case ed25519([UInt8])
    /// Curve name as OpenSSL calls it, and the uncompressed point.
    case ecdsa(curve: String, digest: Crypto.Digest, point: [UInt8])
    case rsa(exponent: [UInt8], modulus: [UInt8])
    case certificate(SSHCertificate)
    /// A FIDO (`sk-`) key or any other type: recognized, not verified.
    case unsupported(String)
  }

  let type: String
  let material: Material
  /// The wire blob, which identifies the key.
  let blob: [UInt8]

  /// Parses a public key blob.
  /// - Parameter blob: the wire encoding.
  init?(blob: [UInt8]) {
    var reader = SSHWireReader(blob)
    guard let type = reader.text() else { return nil }
    self.type = type
    self.blob = blob
    switch type {
    case "ssh-ed25519":
      guard let key = reader.string(), key.count == 32 else { return nil }
      material = .ed25519(key)
    case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
      guard let curve = reader.text(), let point = reader.string(),
        let (name, digest) = Self.curves[curve], type.hasSuffix(curve)
      else { return nil }
      material = .ecdsa(curve: name, digest: digest, point: point)
    case "ssh-rsa":
      guard let exponent = reader.mpint(), let modulus = reader.mpint() else { return nil }
      material = .rsa(exponent: exponent, modulus: modulus)
    case _ where type.hasSuffix("-cert-v01@openssh.com"):
      guard let certificate = SSHCertificate(blob: blob) else { return nil }
      material = .certificate(certificate)
    default:
      material = .unsupported(type)
    }
  }

  /// Parses `type base64 [comment]`, as allowed-signers and revoked-keys files write keys.
  /// - Parameter text: the key's text.
  init?(text: Substring) {
    let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard fields.count >= 2, let blob = Data(base64Encoded: String(fields[1])) else { return nil }
    self.init(blob: Array(blob))
    guard type == fields[0] else { return nil }
  }

  private static let curves: [String: (String, Crypto.Digest)] = [
    "nistp256": ("prime256v1", .sha256), "nistp384": ("secp384r1", .sha384),
    "nistp521": ("secp521r1", .sha512),
  ]

  /// The key that signs: a certificate's own key, otherwise this one.
  var signingKey: SSHPublicKey {
    if case .certificate(let certificate) = material { return certificate.key }
    return self
  }

  /// `SHA256:` and the unpadded base64 of the blob's SHA-256, as `ssh-keygen -l` and git's `%GK`
  /// print it.
  var fingerprint: String {
    let digest = Crypto.Digest.sha256.hash(blob)
    var text = Data(digest).base64EncodedString()
    while text.hasSuffix("=") { text.removeLast() }
    return "SHA256:" + text
  }

  /// Whether `signature` (an SSH signature blob: format name and bytes) signs `message`.
  /// - Parameters:
  ///   - signature: the signature blob.
  ///   - message: the signed bytes.
  /// - Returns: the check's outcome; `nil` when the key type cannot be verified here.
  func verify(signature: [UInt8], message: [UInt8]) -> Bool? {
    var reader = SSHWireReader(signature)
    guard let format = reader.text(), let bytes = reader.string() else { return false }
    switch material {
    case .ed25519(let key):
      guard format == "ssh-ed25519" else { return false }
      return Crypto.verifyEd25519(publicKey: key, message: message, signature: bytes)
    case .ecdsa(let curve, let digest, let point):
      guard format == type else { return false }
      var inner = SSHWireReader(bytes)
      guard let r = inner.mpint(), let s = inner.mpint() else { return false }
      return Crypto.verifyECDSA(
        curve: curve, point: point, digest: digest, message: message, r: r, s: s)
    case .rsa(let exponent, let modulus):
      let digest: Crypto.Digest
      switch format {
      case "rsa-sha2-256": digest = .sha256
      case "rsa-sha2-512": digest = .sha512
      default: return false  // ssh-rsa (SHA-1) signatures are refused, as OpenSSH 8.8+ does
      }
      return Crypto.verifyRSA(
        modulus: modulus, exponent: exponent, digest: digest, message: message, signature: bytes)
    case .certificate(let certificate):
      return certificate.key.verify(signature: signature, message: message)
    case .unsupported:
      return nil
    }
  }
}
