import Foundation
import ParapetGit

/// Verifies signatures in-process against the trusted keys, reaching the verdict git would
/// (`%G?`) and the reason behind it.
struct SignatureVerifier: Sendable {
  let allowedSigners: AllowedSigners
  /// Blobs of revoked SSH keys.
  let revokedKeys: Set<[UInt8]>
  let keyRing: OpenPGPKeyRing
  /// The verification time for expiration and revocation, as gpg uses the current time.
  let now: Int64

  /// The verdict for a commit or tag, before any policy.
  func verify(_ object: SignedObject) -> SignatureVerdict {
    guard let signature = object.signatures.first else {
      return SignatureVerdict(.unsigned, .unsigned)
    }
    guard object.signatures.count == 1 else {
      return SignatureVerdict(
        .bad, .badSignature, detail: "\(object.signatures.count) signature headers; git honors one")
    }
    let text = String(decoding: signature.prefix(64), as: UTF8.self)
    if text.contains("-----BEGIN SSH SIGNATURE-----") {
      return verifySSH(signature, payload: object.payload, time: object.time)
    }
    if text.contains("-----BEGIN PGP SIGNATURE-----") {
      return verifyOpenPGP(signature, payload: object.payload)
    }
    return SignatureVerdict(
      .cannotCheck, .unsupportedAlgorithm, detail: "not an SSH or OpenPGP signature (X.509?)")
  }

  // MARK: SSH

  private func verifySSH(_ armored: [UInt8], payload: [UInt8], time: Int64) -> SignatureVerdict {
    let signature: SSHSignature
    do {
      signature = try SSHSignature(armored: armored)
    } catch {
      switch error {
      case .unsupportedVersion(let version):
        return SignatureVerdict(
          .cannotCheck, .unsupportedAlgorithm, format: "ssh",
          detail: "SSH signature version \(version)")
      case .malformed(let why):
        return SignatureVerdict(.bad, .badSignature, format: "ssh", detail: why)
      }
    }
    let key = signature.publicKey
    var verdict = SignatureVerdict(
      .bad, .badSignature, format: "ssh", key: key.signingKey.fingerprint, signedAt: time)
    switch signature.verify(payload) {
    case nil:
      verdict.letter = .cannotCheck
      verdict.reason = .unsupportedAlgorithm
      verdict.detail = "\(key.type) signatures are not verified by parapet"
      return verdict
    case false?:
      verdict.detail = "the signature does not match the commit"
      return verdict
    case true?: break
    }
    var certificate: SSHCertificate?
    if case .certificate(let certified) = key.material {
      guard certified.authorityVerified, certified.isUser else {
        verdict.detail = "the certificate's authority signature does not verify"
        return verdict
      }
      certificate = certified
    }
    guard signature.namespace == "git" else {
      verdict.reason = .namespaceNotAllowed
      verdict.detail = "signed for namespace '\(signature.namespace)', not 'git'"
      return verdict
    }
    let identities = [key.blob, key.signingKey.blob, certificate?.authority.blob].compactMap { $0 }
    if identities.contains(where: revokedKeys.contains) {
      verdict.reason = .keyRevoked
      verdict.detail = "the key is in the revoked keys"
      return verdict
    }
    return trust(verdict, key: key, certificate: certificate, time: time)
  }

  /// The allowed-signers decision, as `ssh-keygen -Y find-principals` then `-Y verify` make it.
  private func trust(
    _ verified: SignatureVerdict, key: SSHPublicKey, certificate: SSHCertificate?, time: Int64
  ) -> SignatureVerdict {
    var verdict = verified
    var matching: [(entry: AllowedSigners.Entry, principal: String)] = []
    for entry in allowedSigners.entries {
      if let certificate {
        guard entry.certificateAuthority, entry.key.blob == certificate.authority.blob else {
          continue
        }
        if let principal = certificate.principals.first(where: {
          AllowedSigners.matches($0, patterns: entry.principals)
        }) {
          matching.append((entry, principal))
        }
      } else if !entry.certificateAuthority, entry.key.blob == key.blob {
        matching.append((entry, entry.principals.joined(separator: ",")))
      }
    }
    guard !matching.isEmpty else {
      verdict.letter = .untrusted
      verdict.reason = .unknownKey
      verdict.detail = "the key is not in the allowed signers"
      return verdict
    }
    let inWindow = matching.filter { candidate in
      (candidate.entry.validAfter.map { time >= $0 } ?? true)
        && (candidate.entry.validBefore.map { time <= $0 } ?? true)
        && (certificate?.isValid(at: time) ?? true)
    }
    guard !inWindow.isEmpty else {
      verdict.letter = .untrusted
      verdict.reason = .outsideValidityWindow
      verdict.detail = "the commit time is outside the key's validity window"
      return verdict
    }
    guard
      let allowed = inWindow.first(where: { $0.entry.namespaces?.contains("git") ?? true })
    else {
      verdict.reason = .namespaceNotAllowed
      verdict.signer = inWindow[0].principal
      verdict.detail = "the allowed signers line does not allow the 'git' namespace"
      return verdict
    }
    verdict.letter = .good
    verdict.reason = .good
    verdict.signer = allowed.principal
    return verdict
  }

  // MARK: OpenPGP

  private func verifyOpenPGP(_ armored: [UInt8], payload: [UInt8]) -> SignatureVerdict {
    var verdict = SignatureVerdict(.bad, .badSignature, format: "openpgp")
    let packet: OpenPGPSignaturePacket
    do {
      guard let block = try OpenPGPArmor.blocks(armored).first,
        let body = try OpenPGPPacket.packets(block).first(where: { $0.tag == 2 })?.body
      else {
        verdict.detail = "no signature packet"
        return verdict
      }
      packet = try OpenPGPSignaturePacket(body: body)
    } catch let error as OpenPGPSignaturePacket.Problem {
      switch error {
      case .malformed(let why): verdict.detail = why
      case .unsupportedVersion(let version):
        verdict.letter = .cannotCheck
        verdict.reason = .unsupportedAlgorithm
        verdict.detail = "signature packet version \(version)"
      case .unsupportedAlgorithm(let what):
        verdict.letter = .cannotCheck
        verdict.reason = .unsupportedAlgorithm
        verdict.detail = what
      }
      return verdict
    } catch {
      verdict.detail = "\(error)"
      return verdict
    }
    verdict.key = packet.issuerKeyID
    verdict.signedAt = packet.creationTime
    guard packet.type == 0x00 || packet.type == 0x01 else {
      verdict.detail = "signature type \(packet.type) does not sign a document"
      return verdict
    }
    guard let signer = keyRing.key(fingerprint: packet.issuerFingerprint, keyID: packet.issuerKeyID)
    else {
      verdict.letter = .cannotCheck
      verdict.reason = .unknownKey
      verdict.detail = "no public key \(packet.issuerKeyID ?? "?") among the OpenPGP keys"
      return verdict
    }
    verdict.signer = signer.userIDs.first
    let data = packet.type == 0x01 ? Self.canonicalText(payload) : payload
    switch signer.key.verify(packet, data: data) {
    case nil:
      verdict.letter = .cannotCheck
      verdict.reason = .unsupportedAlgorithm
      verdict.detail = "the key's algorithm is not verified by parapet"
      return verdict
    case false?:
      verdict.detail = "the signature does not match the commit"
      return verdict
    case true?: break
    }
    if let revoked = signer.revokedAt {
      verdict.letter = .revokedKey
      verdict.reason = .keyRevoked
      verdict.detail = "the key was revoked on \(Self.day(revoked))"
    } else if let expiry = signer.expiresAt, expiry <= now {
      verdict.letter = .expiredKey
      verdict.reason = .keyExpired
      verdict.detail = "the key expired on \(Self.day(expiry))"
    } else if let created = packet.creationTime, let after = packet.expiresAfter, after > 0,
      created + after <= now
    {
      verdict.letter = .expiredSignature
      verdict.reason = .signatureExpired
      verdict.detail = "the signature expired on \(Self.day(created + after))"
    } else {
      verdict.letter = .good
      verdict.reason = .good
    }
    return verdict
  }

  /// Text signatures hash lines ending in CR LF.
  private static func canonicalText(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 40)
    var previous: UInt8 = 0
    for byte in bytes {
      if byte == 0x0A && previous != 0x0D { out.append(0x0D) }
      out.append(byte)
      previous = byte
    }
    return out
  }

  private static func day(_ seconds: Int64) -> String {
    String(
      ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        .prefix(10))
  }
}
