import COpenSSL
import Foundation

/// The signature checks the verifiers need, done in-process with OpenSSL 3 (no `gpg` or
/// `ssh-keygen` process). Every function answers false for a key or signature OpenSSL rejects,
/// never throws: a malformed signature is a bad signature.
enum Crypto {
  /// The digests OpenPGP and SSH signatures use.
  enum Digest: Sendable {
    case sha1, sha256, sha384, sha512

    /// Fetched once: OpenSSL 3 otherwise looks the algorithm up on every use, which cost more
    /// than an Ed25519 verification.
    var md: OpaquePointer? {
      switch self {
      case .sha1: Self.fetched.sha1
      case .sha256: Self.fetched.sha256
      case .sha384: Self.fetched.sha384
      case .sha512: Self.fetched.sha512
      }
    }

    private struct Fetched: @unchecked Sendable {
      let sha1 = EVP_MD_fetch(nil, "SHA1", nil)
      let sha256 = EVP_MD_fetch(nil, "SHA256", nil)
      let sha384 = EVP_MD_fetch(nil, "SHA384", nil)
      let sha512 = EVP_MD_fetch(nil, "SHA512", nil)
    }

    private static let fetched = Fetched()

    /// The digest of the bytes.
    func hash(_ data: [UInt8]) -> [UInt8] {
      var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
      var length: UInt32 = 0
      guard EVP_Digest(data, data.count, &out, &length, md, nil) == 1 else { return [] }
      return Array(out.prefix(Int(length)))
    }
  }

  /// Ed25519 over the message itself.
  static func verifyEd25519(publicKey: [UInt8], message: [UInt8], signature: [UInt8]) -> Bool {
    guard publicKey.count == 32, signature.count == 64 else { return false }
    return keys.with(Array("ed25519".utf8) + publicKey) {
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, publicKey, 32)
    } verify: { key in
      digestVerify(key: key, digest: nil, message: message, signature: signature)
    }
  }

  /// ECDSA on a NIST curve: `point` is the uncompressed public point, `r` and `s` big-endian.
  static func verifyECDSA(
    curve: String, point: [UInt8], digest: Digest, message: [UInt8], r: [UInt8], s: [UInt8]
  ) -> Bool {
    guard let der = derECDSASignature(r: r, s: s) else { return false }
    return keys.with(Array(curve.utf8) + [0] + point) {
      // The builder keeps pointers to the name and the point until it makes the parameters, so
      // both stay pinned for the whole call.
      curve.withCString { name in
        point.withUnsafeBytes { bytes in
          publicKey(type: "EC") { builder in
            OSSL_PARAM_BLD_push_utf8_string(builder, parapet_param_group_name, name, 0) == 1
              && OSSL_PARAM_BLD_push_octet_string(
                builder, parapet_param_pub_key, bytes.baseAddress, bytes.count) == 1
          }
        }
      }
    } verify: { key in
      digestVerify(key: key, digest: digest, message: message, signature: der)
    }
  }

  /// RSA PKCS #1 v1.5 with the digest; the signature is left-padded to the modulus' length, as
  /// OpenPGP stores it without leading zeros.
  static func verifyRSA(
    modulus: [UInt8], exponent: [UInt8], digest: Digest, message: [UInt8], signature: [UInt8]
  ) -> Bool {
    let n = Array(modulus.drop { $0 == 0 })
    guard n.count >= 128, n.count <= 2048, signature.count <= n.count else { return false }
    let padded = [UInt8](repeating: 0, count: n.count - signature.count) + signature
    return keys.with(Array("rsa".utf8) + exponent + [0] + n) {
      let nBN = BN_bin2bn(n, Int32(n.count), nil)
      let eBN = BN_bin2bn(exponent, Int32(exponent.count), nil)
      defer {
        BN_free(nBN)
        BN_free(eBN)
      }
      return publicKey(type: "RSA") { builder in
        OSSL_PARAM_BLD_push_BN(builder, parapet_param_rsa_n, nBN) == 1
          && OSSL_PARAM_BLD_push_BN(builder, parapet_param_rsa_e, eBN) == 1
      }
    } verify: { key in
      digestVerify(key: key, digest: digest, message: message, signature: padded)
    }
  }

  private static let keys = KeyCache()

  /// Public keys made once and shared by every verification (OpenSSL keys are safe to use from
  /// several threads once made): a repository's commits are signed by a handful of keys, and
  /// making a key cost as much as checking a signature.
  private final class KeyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [[UInt8]: OpaquePointer] = [:]
    /// Keys beyond this many (signatures by thousands of distinct keys) are made and freed.
    private let limit = 4096

    func with(
      _ identity: [UInt8], make: () -> OpaquePointer?, verify: (OpaquePointer) -> Bool
    ) -> Bool {
      lock.lock()
      let cached = keys[identity]
      lock.unlock()
      if let cached { return verify(cached) }
      guard let key = make() else { return false }
      lock.lock()
      let kept = keys.count < limit && keys[identity] == nil
      if kept { keys[identity] = key }
      lock.unlock()
      defer { if !kept { EVP_PKEY_free(key) } }
      return verify(key)
    }
  }

  private static func publicKey(type: String, build: (OpaquePointer?) -> Bool) -> OpaquePointer? {
    guard let builder = OSSL_PARAM_BLD_new() else { return nil }
    defer { OSSL_PARAM_BLD_free(builder) }
    guard build(builder), let params = OSSL_PARAM_BLD_to_param(builder) else { return nil }
    defer { OSSL_PARAM_free(params) }
    guard let context = EVP_PKEY_CTX_new_from_name(nil, type, nil) else { return nil }
    defer { EVP_PKEY_CTX_free(context) }
    var key: OpaquePointer?
    guard EVP_PKEY_fromdata_init(context) == 1,
      EVP_PKEY_fromdata(context, &key, parapet_evp_pkey_public_key, params) == 1
    else { return nil }
    return key
  }

  private static func digestVerify(
    key: OpaquePointer, digest: Digest?, message: [UInt8], signature: [UInt8]
  ) -> Bool {
    guard let context = EVP_MD_CTX_new() else { return false }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestVerifyInit(context, nil, digest?.md, nil, key) == 1 else { return false }
    return EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
  }

  /// `SEQUENCE { INTEGER r, INTEGER s }`, as OpenSSL's ECDSA verifier takes it.
  private static func derECDSASignature(r: [UInt8], s: [UInt8]) -> [UInt8]? {
    guard let signature = ECDSA_SIG_new() else { return nil }
    defer { ECDSA_SIG_free(signature) }
    guard let rBN = BN_bin2bn(r, Int32(r.count), nil), let sBN = BN_bin2bn(s, Int32(s.count), nil)
    else { return nil }
    guard ECDSA_SIG_set0(signature, rBN, sBN) == 1 else {
      BN_free(rBN)
      BN_free(sBN)
      return nil
    }
    var out: UnsafeMutablePointer<UInt8>?
    let length = i2d_ECDSA_SIG(signature, &out)
    guard length > 0, let out else { return nil }
    defer { CRYPTO_free(out, #file, #line) }
    return Array(UnsafeBufferPointer(start: out, count: Int(length)))
  }
}
