import COpenSSL

/// A SHA-256 fed in pieces: an image's layers are checked against their digests as they stream,
/// never held whole.
public final class StreamingSHA256 {
  private let context: OpaquePointer?

  /// Starts a digest.
  public init() {
    context = EVP_MD_CTX_new()
    EVP_DigestInit_ex(context, Fingerprint.sha256Algorithm, nil)
  }

  deinit {
    EVP_MD_CTX_free(context)
  }

  /// Adds bytes.
  /// - Parameter bytes: the next piece.
  public func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    EVP_DigestUpdate(context, base, bytes.count)
  }

  /// The digest of everything added, as 64 lowercase hex digits; the digest cannot be fed after.
  public func finish() -> String {
    var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
    EVP_DigestFinal_ex(context, &digest, nil)
    return Fingerprint.hex(digest)
  }
}
