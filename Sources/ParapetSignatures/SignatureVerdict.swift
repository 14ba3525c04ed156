/// What parapet concludes about one commit's signature: git's letter, and a reason that tells
/// apart what git folds into one letter.
public struct SignatureVerdict: Hashable, Sendable {
  /// git's `%G?` letters.
  public enum Letter: String, Sendable {
    /// Good signature by a trusted key.
    case good = "G"
    case bad = "B"
    /// Good signature by a key of unknown validity.
    case untrusted = "U"
    /// Good signature that has expired.
    case expiredSignature = "X"
    /// Good signature by an expired key.
    case expiredKey = "Y"
    /// Good signature by a revoked key.
    case revokedKey = "R"
    /// The signature cannot be checked (missing key, unsupported algorithm).
    case cannotCheck = "E"
    case unsigned = "N"
  }

  /// The reason codes; each is also the rule id of the finding an unacceptable commit gets.
  public enum Reason: String, Sendable, CaseIterable {
    case good
    case unsigned
    case badSignature = "bad-signature"
    case unknownKey = "unknown-key"
    case untrustedKey = "untrusted-key"
    case keyExpired = "key-expired"
    case signatureExpired = "signature-expired"
    case keyRevoked = "key-revoked"
    case namespaceNotAllowed = "namespace-not-allowed"
    case outsideValidityWindow = "outside-validity-window"
    case unsupportedAlgorithm = "unsupported-algorithm"
    case signerNotCommitter = "signer-not-committer"
    case implausibleTime = "implausible-time"
  }

  public var letter: Letter
  public var reason: Reason
  /// `ssh` or `openpgp`, when signed.
  public var format: String?
  /// git's `%GK`: the SSH key fingerprint or the OpenPGP key id.
  public var key: String?
  /// git's `%GS`: the SSH principal or the OpenPGP user ID.
  public var signer: String?
  /// The signed time: the commit time for SSH, the signature's creation time for OpenPGP.
  public var signedAt: Int64?
  /// What went wrong, in words, when something did.
  public var detail: String?

  /// Creates a verdict.
  public init(
    _ letter: Letter, _ reason: Reason, format: String? = nil, key: String? = nil,
    signer: String? = nil, signedAt: Int64? = nil, detail: String? = nil
  ) {
    self.letter = letter
    self.reason = reason
    self.format = format
    self.key = key
    self.signer = signer
    self.signedAt = signedAt
    self.detail = detail
  }
}
