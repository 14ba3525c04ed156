import Foundation
import ParapetGit
import ParapetSignatures

/// Which commits `parapet scan` checks signatures of: a CI run's branch commits, those not on
/// the base branch the CI names (GitHub Actions pull requests, GitLab merge requests and default
/// branches) or, outside CI, not on `main`/`master`.
enum SignatureScope {
  /// The commits for `scan`.
  /// - Parameters:
  ///   - root: the repository.
  ///   - environment: the CI's variables.
  /// - Returns: `base..HEAD`, or an empty range when no base can be found (nothing to check).
  static func commits(root: URL, environment: [String: String]) -> SignaturePolicy.Commits {
    let named = [
      environment["GITHUB_BASE_REF"], environment["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"],
      environment["CI_DEFAULT_BRANCH"],
    ].compactMap { $0 }.filter { !$0.isEmpty }
    let candidates = named.flatMap { ["origin/\($0)", $0] } + ["origin/HEAD", "main", "master"]
    guard let repository = try? GitRepository.open(containing: root.path) else {
      return .range("HEAD..HEAD")
    }
    for base in candidates where (try? repository.resolve(base)) != nil {
      return .range("\(base)..HEAD")
    }
    return .range("HEAD..HEAD")
  }

  /// Whether the process runs in CI, as the common CI services announce it.
  static func inCI(_ environment: [String: String]) -> Bool {
    guard let value = environment["CI"]?.lowercased() else { return false }
    return !value.isEmpty && value != "false" && value != "0"
  }
}
