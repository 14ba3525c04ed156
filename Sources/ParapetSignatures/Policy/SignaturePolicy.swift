import Foundation
import ParapetCore

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

  /// Files only some signers may change.
  public struct PathRule: Sendable {
    /// Repo-relative glob patterns (`*` within a folder, `**` across folders).
    public var paths: [String]
    /// Signer patterns: SSH principals or OpenPGP emails, with `*` and `?`.
    public var signers: [String]

    /// Creates a rule.
    public init(paths: [String], signers: [String]) {
      self.paths = paths
      self.signers = signers
    }
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
  /// Committer emails of forges that sign on their users' behalf (GitHub's web-flow commits
  /// are committed by `noreply@github.com`): their commits skip the signer-committer check.
  public var forgeCommitters: [String] = []
  public var pathRules: [PathRule] = []
  /// Where the configuration states the policy (`.parapet.toml` and the line of
  /// `[signatures]`), when it does.
  public var configuredAt: SourceLocation?

  /// The default policy: HEAD's history, no trusted keys.
  public init() {}

  /// Whether any key is trusted: without one, every commit is unsigned or untrusted, which
  /// says nothing about the repository.
  public var hasTrustPolicy: Bool { allowedSigners != nil || !openPGPKeys.isEmpty }
}
