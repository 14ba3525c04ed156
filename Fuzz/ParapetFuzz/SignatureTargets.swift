@testable import ParapetGit
@testable import ParapetSignatures

/// Signatures and the keys that check them: an armored signature verified over a fixed payload
/// (SSH signatures carry their key, so fuzzed keys reach OpenSSL), raw commit and tag objects
/// parsed as git reads them and verified, OpenPGP keyrings, SSH public key and certificate lines,
/// and allowed_signers files with their principal patterns.
enum SignatureTargets {
  static let all = [
    FuzzTarget("signature", seeds: { $0.hasSuffix(".sig") }, run: verifySignature),
    FuzzTarget("git-object", seeds: { $0 == "commit" || $0 == "tag" }, run: verifyObject),
    FuzzTarget(
      "openpgp-keyring", seeds: { $0.hasSuffix(".asc") || $0.hasSuffix(".gpg") },
      run: { bytes in
        var keyRing = OpenPGPKeyRing()
        keyRing.add(bytes, source: "keyring.asc")
        _ = keyRing.key(fingerprint: nil, keyID: "0123456789ABCDEF")
      }),
    FuzzTarget(
      "ssh-keys", seeds: { $0.hasSuffix(".pub") || $0 == "revoked_keys" },
      run: { bytes in
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n") {
          guard let key = SSHPublicKey(text: line) else { continue }
          _ = key.fingerprint
          if case .certificate(let certificate) = key.material {
            _ = certificate.isValid(at: 1_700_000_000)
          }
        }
      }),
    FuzzTarget(
      "allowed-signers", seeds: { $0 == "allowed_signers" },
      run: { bytes in
        guard let text = String(validating: bytes, as: UTF8.self),
          let signers = try? AllowedSigners(text: text, path: "allowed_signers")
        else { return }
        for entry in signers.entries {
          _ = AllowedSigners.matches("ada@example.org", patterns: entry.principals)
        }
      }),
  ]

  /// A verifier that trusts nobody: every signature is still parsed and checked against the key
  /// it names or carries.
  private static let verifier: SignatureVerifier = {
    guard let nobody = try? AllowedSigners(text: "", path: "allowed_signers") else {
      fail("an empty allowed_signers file does not parse")
    }
    return SignatureVerifier(
      allowedSigners: nobody, revokedKeys: [], keyRing: OpenPGPKeyRing(), now: 1_700_000_000)
  }()

  private static let zero: ObjectID = {
    guard let id = ObjectID(hex: String(repeating: "0", count: 40)) else {
      fail("the all-zero object id does not parse")
    }
    return id
  }()

  private static let payload = Array(
    "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@example.org> 1700000000 +0000\ncommitter A <a@example.org> 1700000000 +0000\n\nfuzz\n"
      .utf8)

  @Sendable private static func verifySignature(_ bytes: [UInt8]) {
    let object = SignedObject(
      id: zero, parents: [], committerName: "A", committerEmail: "a@example.org",
      time: 1_700_000_000, signatures: [bytes], payload: payload, mergeTags: [])
    _ = verifier.verify(object)
  }

  @Sendable private static func verifyObject(_ bytes: [UInt8]) {
    _ = verifier.verify(SignedObject.commit(id: zero, bytes: bytes) { ObjectID(hex: $0) })
    _ = verifier.verify(SignedObject.tag(id: zero, bytes: bytes))
  }
}
