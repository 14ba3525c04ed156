import Foundation

/// What the signatures job checks and trusts, resolved from flags and `.parapet.toml`'s
/// `[signatures]`.
public struct SignaturePolicy: Sendable {
  /// Which commits are checked.
  public enum Commits: Sendable, Equatable {
    /// Every commit reachable from any ref.
    case all
    /// `A..B`.
    case range(String)
    /// The commits after a revision, up to HEAD.
    case since(String)
  }

  public var commits: Commits = .range("HEAD")
  /// git's allowed signers file.
  public var allowedSigners: URL?
  /// SSH public keys (one per line) that are revoked.
  public var revokedKeys: URL?
  /// Armored or binary OpenPGP public key files, or folders of them.
  public var openPGPKeys: [URL] = []
  /// Commits at or before this revision, or dated before this `YYYY-MM-DD`, need no signature.
  public var requireSince: String?
  /// The signing identity must match the committer's email.
  public var signerMustMatchCommitter = true
  /// Also check the signatures of annotated tags.
  public var tags = false

  /// The default policy: HEAD's history, no trusted keys.
  public init() {}
}
