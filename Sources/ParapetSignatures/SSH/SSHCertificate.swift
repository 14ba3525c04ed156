/// An OpenSSH user certificate (PROTOCOL.certkeys): a key, the principals it may act as, a
/// validity window, and the certificate authority's signature over all of it.
struct SSHCertificate: Hashable, Sendable {
  /// The certified key.
  let key: SSHPublicKey
  let principals: [String]
  /// Seconds since 1970.
  let validAfter: UInt64
  let validBefore: UInt64
  /// Whether it is a user (not a host) certificate.
  let isUser: Bool
  /// The certificate authority's key.
  let authority: SSHPublicKey
  /// Whether the authority's signature over the certificate verifies.
  let authorityVerified: Bool

  /// Parses a certificate blob and checks the authority's signature.
  /// - Parameter blob: the wire encoding of a `*-cert-v01@openssh.com` key.
  init?(blob: [UInt8]) {
    var reader = SSHWireReader(blob)
    guard let type = reader.text(), type.hasSuffix("-cert-v01@openssh.com"),
      reader.string() != nil  // nonce
    else { return nil }
    // The certified key's fields follow the nonce, in the plain key type's order.
    let plainType = String(type.dropLast("-cert-v01@openssh.com".count))
    var keyBlob: [UInt8] = []
    keyBlob.appendSSHString(Array(plainType.utf8))
    let fieldCount: Int
    switch plainType {
    case "ssh-ed25519": fieldCount = 1
    case "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
      fieldCount = 2
    default: return nil
    }
    for _ in 0..<fieldCount {
      guard let field = reader.string() else { return nil }
      keyBlob.appendSSHString(field)
    }
    guard let key = SSHPublicKey(blob: keyBlob),
      reader.uint64() != nil,  // serial
      let kind = reader.uint32(),
      reader.string() != nil,  // key id
      let principalsBlob = reader.string(),
      let validAfter = reader.uint64(), let validBefore = reader.uint64(),
      // critical options, extensions, reserved
      reader.string() != nil, reader.string() != nil, reader.string() != nil,
      let authorityBlob = reader.string(), let authority = SSHPublicKey(blob: authorityBlob)
    else { return nil }
    let signed = reader.consumed
    guard let signature = reader.string(), reader.isAtEnd else { return nil }
    var principals: [String] = []
    var names = SSHWireReader(principalsBlob)
    while !names.isAtEnd {
      guard let name = names.text() else { return nil }
      principals.append(name)
    }
    self.key = key
    self.principals = principals
    self.validAfter = validAfter
    self.validBefore = validBefore
    isUser = kind == 1
    self.authority = authority
    if case .certificate = authority.material {
      authorityVerified = false  // a certificate cannot certify
    } else {
      authorityVerified = authority.verify(signature: signature, message: signed) ?? false
    }
  }

  /// Whether the certificate is valid at a time.
  func isValid(at time: Int64) -> Bool {
    time >= 0 && UInt64(time) >= validAfter && UInt64(time) < validBefore
  }
}
