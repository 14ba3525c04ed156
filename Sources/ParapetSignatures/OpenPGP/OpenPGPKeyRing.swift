/// OpenPGP certificates (transferable public keys, RFC 9580 §10.1) read from armored or binary
/// key files, each key's self-signatures checked: user IDs, expiration, revocation, subkey
/// bindings. A signature by a key absent here is `unknown-key`.
struct OpenPGPKeyRing: Sendable {
  /// A key that may have made a signature: a primary key or a bound subkey.
  struct Key: Sendable {
    let key: OpenPGPPublicKey
    /// The primary key's user IDs with a valid self-certification.
    let userIDs: [String]
    /// Seconds since 1970; nil for never.
    let expiresAt: Int64?
    /// The creation time of a valid revocation of this key or of its primary; nil if none.
    let revokedAt: Int64?
    /// The primary key's fingerprint.
    let primaryFingerprint: String
  }

  private var byFingerprint: [String: Key] = [:]
  private var byKeyID: [String: [Key]] = [:]
  /// Packets that could not be read, for notices.
  private(set) var problems: [String] = []

  init() {}

  /// Adds the certificates in a key file's bytes.
  /// - Parameters:
  ///   - bytes: armored or binary public keys.
  ///   - source: the file's name, for problems.
  mutating func add(_ bytes: [UInt8], source: String) {
    let blocks: [[UInt8]]
    do {
      blocks = try OpenPGPArmor.blocks(bytes)
    } catch {
      problems.append("\(source): \(error)")
      return
    }
    for block in blocks {
      do {
        addCertificates(try OpenPGPPacket.packets(block))
      } catch {
        problems.append("\(source): \(error)")
      }
    }
  }

  /// The key that made a signature: by issuer fingerprint, else by key id.
  func key(fingerprint: String?, keyID: String?) -> Key? {
    if let fingerprint, let key = byFingerprint[fingerprint] { return key }
    return keyID.flatMap { byKeyID[$0]?.first }
  }

  var isEmpty: Bool { byFingerprint.isEmpty }

  private mutating func addCertificates(_ packets: [OpenPGPPacket]) {
    var index = 0
    while index < packets.count {
      guard packets[index].tag == 6, let primary = OpenPGPPublicKey(body: packets[index].body)
      else {
        index += 1
        continue
      }
      index += 1
      var directSignatures: [OpenPGPSignaturePacket] = []
      var userIDs: [(String, [OpenPGPSignaturePacket])] = []
      var subkeys: [(OpenPGPPublicKey, [OpenPGPSignaturePacket])] = []
      var current = 0  // 0 primary, 13 user id, 14 subkey, other: skipped component
      while index < packets.count && packets[index].tag != 6 {
        let packet = packets[index]
        index += 1
        switch packet.tag {
        case 13:
          userIDs.append((String(decoding: packet.body, as: UTF8.self), []))
          current = 13
        case 14:
          if let subkey = OpenPGPPublicKey(body: packet.body) {
            subkeys.append((subkey, []))
            current = 14
          } else {
            current = -1
          }
        case 17: current = -1  // user attribute
        case 2:
          guard let signature = try? OpenPGPSignaturePacket(body: packet.body) else { continue }
          switch current {
          case 0: directSignatures.append(signature)
          case 13: userIDs[userIDs.count - 1].1.append(signature)
          case 14: subkeys[subkeys.count - 1].1.append(signature)
          default: break
          }
        default: break
        }
      }
      addCertificate(primary, direct: directSignatures, userIDs: userIDs, subkeys: subkeys)
    }
  }

  private mutating func addCertificate(
    _ primary: OpenPGPPublicKey, direct: [OpenPGPSignaturePacket],
    userIDs: [(String, [OpenPGPSignaturePacket])],
    subkeys: [(OpenPGPPublicKey, [OpenPGPSignaturePacket])]
  ) {
    func bySelf(_ signature: OpenPGPSignaturePacket, over data: [UInt8]) -> Bool {
      let issuer = signature.issuerFingerprint ?? signature.issuerKeyID
      guard issuer == nil || issuer == primary.fingerprint || issuer == primary.keyID else {
        return false
      }
      return primary.verify(signature, data: data) == true
    }
    let revocation = direct.filter { $0.type == 0x20 && bySelf($0, over: primary.framed) }
      .compactMap(\.creationTime).min()
    var validUserIDs: [String] = []
    var newestSelfSignature: OpenPGPSignaturePacket?
    for (userID, signatures) in userIDs {
      let bytes = Array(userID.utf8)
      let data =
        primary.framed + [0xB4]
        + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: bytes.count >> $0) }
        + bytes
      let valid = signatures.filter { (0x10...0x13).contains($0.type) && bySelf($0, over: data) }
      guard let newest = valid.max(by: { ($0.creationTime ?? 0) < ($1.creationTime ?? 0) }) else {
        continue
      }
      validUserIDs.append(userID)
      if (newest.creationTime ?? 0) >= (newestSelfSignature?.creationTime ?? 0) {
        newestSelfSignature = newest
      }
    }
    let directKey = direct.filter { $0.type == 0x1F && bySelf($0, over: primary.framed) }
      .max { ($0.creationTime ?? 0) < ($1.creationTime ?? 0) }
    let expiry = (directKey?.keyExpiresAfter ?? newestSelfSignature?.keyExpiresAfter)
      .flatMap { $0 > 0 ? primary.creationTime + $0 : nil }
    // A key without any valid self-signature binds no identity and is not used.
    guard !validUserIDs.isEmpty || directKey != nil else {
      problems.append("key \(primary.fingerprint) has no valid self-signature; not used")
      return
    }
    insert(
      Key(
        key: primary, userIDs: validUserIDs, expiresAt: expiry, revokedAt: revocation,
        primaryFingerprint: primary.fingerprint))
    for (subkey, signatures) in subkeys {
      let data = primary.framed + subkey.framed
      guard
        let binding = signatures.filter({ $0.type == 0x18 && bySelf($0, over: data) })
          .max(by: { ($0.creationTime ?? 0) < ($1.creationTime ?? 0) })
      else { continue }
      let subkeyRevocation = signatures.filter { $0.type == 0x28 && bySelf($0, over: data) }
        .compactMap(\.creationTime).min()
      let subkeyExpiry = binding.keyExpiresAfter.flatMap { $0 > 0 ? subkey.creationTime + $0 : nil }
      insert(
        Key(
          key: subkey, userIDs: validUserIDs,
          expiresAt: [expiry, subkeyExpiry].compactMap { $0 }.min(),
          revokedAt: [revocation, subkeyRevocation].compactMap { $0 }.min(),
          primaryFingerprint: primary.fingerprint))
    }
  }

  private mutating func insert(_ key: Key) {
    byFingerprint[key.key.fingerprint] = key
    byKeyID[key.key.keyID, default: []].append(key)
  }
}
