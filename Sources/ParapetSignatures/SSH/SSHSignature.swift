import Foundation

/// An SSH signature as `ssh-keygen -Y sign` writes it and git stores it (PROTOCOL.sshsig): the
/// signer's public key, a namespace, the hash algorithm and the signature, in
/// `-----BEGIN SSH SIGNATURE-----` armor.
struct SSHSignature: Sendable {
  let publicKey: SSHPublicKey
  let namespace: String
  let hashAlgorithm: String
  /// The signature blob: format name and bytes.
  let signature: [UInt8]
  let reserved: [UInt8]

  /// Why a signature could not be read.
  enum Problem: Error, Equatable {
    case malformed(String)
    case unsupportedVersion(UInt32)
  }

  /// Parses the armored text.
  /// - Parameter armored: the signature as stored in the commit.
  /// - Throws: `Problem` for a signature that is not SSHSIG version 1.
  init(armored: [UInt8]) throws(Problem) {
    let lines = ArmorLines.lines(armored)
    guard
      let begin = lines.firstIndex(where: { $0.elementsEqual("-----BEGIN SSH SIGNATURE-----".utf8) }
      ),
      let end = lines.firstIndex(where: { $0.elementsEqual("-----END SSH SIGNATURE-----".utf8) }),
      begin < end, let blob = ArmorLines.decode(lines[(begin + 1)..<end])
    else { throw .malformed("no SSH signature armor") }
    var reader = SSHWireReader(blob)
    guard reader.raw(6) == Array("SSHSIG".utf8) else { throw .malformed("no SSHSIG magic") }
    guard let version = reader.uint32() else { throw .malformed("truncated") }
    guard version == 1 else { throw .unsupportedVersion(version) }
    guard let keyBlob = reader.string(), let namespace = reader.text(),
      let reserved = reader.string(), let hashAlgorithm = reader.text(),
      let signature = reader.string()
    else { throw .malformed("truncated") }
    guard let publicKey = SSHPublicKey(blob: keyBlob) else {
      throw .malformed("unreadable public key")
    }
    self.publicKey = publicKey
    self.namespace = namespace
    self.reserved = reserved
    self.hashAlgorithm = hashAlgorithm
    self.signature = signature
  }

  /// Whether the signature signs the message; nil when the key type cannot be verified here.
  func verify(_ message: [UInt8]) -> Bool? {
    let digest: Crypto.Digest
    switch hashAlgorithm {
    case "sha256": digest = .sha256
    case "sha512": digest = .sha512
    default: return false
    }
    var signed = Array("SSHSIG".utf8)
    signed.appendSSHString(Array(namespace.utf8))
    signed.appendSSHString(reserved)
    signed.appendSSHString(Array(hashAlgorithm.utf8))
    signed.appendSSHString(digest.hash(message))
    return publicKey.verify(signature: signature, message: signed)
  }
}
