import ArgumentParser
import Foundation
import ParapetSignatures

/// The flags of the signatures job.
struct SignaturesModeOptions: ParsableArguments {
  @Option(
    name: .customLong("signatures-range"),
    help: ArgumentHelp("Check the commits of a range, such as main..HEAD.", valueName: "A..B"))
  var range: String?

  @Flag(
    name: .customLong("all-commits"), help: "Check every commit reachable from any ref.")
  var all = false

  @Option(
    name: .customLong("signatures-since"),
    help: ArgumentHelp("Check the commits after a revision, up to HEAD.", valueName: "rev"))
  var since: String?

  @Option(
    help: ArgumentHelp(
      "git's allowed signers file (gpg.ssh.allowedSignersFile format).", valueName: "file"))
  var allowedSigners: String?

  @Option(help: ArgumentHelp("Revoked SSH public keys, one per line.", valueName: "file"))
  var revokedKeys: String?

  @Option(
    help: ArgumentHelp(
      "Trusted OpenPGP public keys: an armored or binary key file, or a folder of them (repeatable).",
      valueName: "path"))
  var openpgpKeys: [String] = []

  @Option(
    help: ArgumentHelp(
      "Commits at or before this revision, or dated before this YYYY-MM-DD, need no signature.",
      valueName: "rev|date"))
  var requireSince: String?

  @Flag(
    inversion: .prefixedNo,
    help: "Require the signing identity to match the committer's email (default: on).")
  var signerMustMatchCommitter: Bool?

  @Flag(help: "Also check the signatures of annotated tags.")
  var tags = false

  func validate() throws {
    if [range != nil, all, since != nil].filter({ $0 }).count > 1 {
      throw ValidationError("choose one of --signatures-range, --all-commits, --signatures-since")
    }
  }

  /// Whether a flag chose the commits.
  var choosesCommits: Bool { range != nil || all || since != nil }

  /// Applies the flags over a policy read from `.parapet.toml`.
  func apply(to policy: inout SignaturePolicy) {
    if let range { policy.commits = .range(range) }
    if all { policy.commits = .all }
    if let since { policy.commits = .since(since) }
    func url(_ path: String) -> URL { URL(fileURLWithPath: path).standardizedFileURL }
    if let allowedSigners { policy.allowedSigners = url(allowedSigners) }
    if let revokedKeys { policy.revokedKeys = url(revokedKeys) }
    if !openpgpKeys.isEmpty { policy.openPGPKeys = openpgpKeys.map(url) }
    if let requireSince { policy.requireSince = requireSince }
    if let signerMustMatchCommitter { policy.signerMustMatchCommitter = signerMustMatchCommitter }
    if tags { policy.tags = true }
  }
}
