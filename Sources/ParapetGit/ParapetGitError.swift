/// Errors of the git layer, with libgit2's own message.
public enum ParapetGitError: Error, CustomStringConvertible {
  /// The path is not inside a git repository.
  case notARepository(String)
  /// The repository belongs to another user, and no `safe.directory` entry trusts it (what git
  /// calls dubious ownership).
  case dubiousOwnership(String)
  /// A libgit2 call failed.
  case libgit2(call: String, message: String)

  public var description: String {
    switch self {
    case .notARepository(let path): "\(path): not a git repository"
    case .dubiousOwnership(let path):
      "\(path): the repository belongs to another user (git calls this dubious ownership); if you trust it, run: git config --global --add safe.directory '\(path)'"
    case .libgit2(let call, let message): "\(call): \(message)"
    }
  }
}
