/// Errors of the git layer, with libgit2's own message.
public enum ParapetGitError: Error, CustomStringConvertible {
  /// The path is not inside a git repository.
  case notARepository(String)
  /// A libgit2 call failed.
  case libgit2(call: String, message: String)

  public var description: String {
    switch self {
    case .notARepository(let path): "\(path): not a git repository"
    case .libgit2(let call, let message): "\(call): \(message)"
    }
  }
}
