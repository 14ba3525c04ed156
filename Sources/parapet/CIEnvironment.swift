import Foundation
import ParapetGit

/// What a CI service tells a scan through its variables: that it is CI, and which branch a change
/// is to be merged into (GitHub Actions pull requests, GitLab merge requests and default branches).
enum CIEnvironment {
  /// Whether the process runs in CI, as the common CI services announce it.
  static func inCI(_ environment: [String: String]) -> Bool {
    guard let value = environment["CI"]?.lowercased() else { return false }
    return !value.isEmpty && value != "false" && value != "0"
  }

  /// The revision the current branch is compared with: the base the CI names (as
  /// `origin/<name>` or `<name>`), else `origin/HEAD`, `main` or `master`, whichever exists.
  /// - Parameters:
  ///   - root: the repository.
  ///   - environment: the CI's variables.
  /// - Returns: the base revision, or nil when none exists (or the root is not a repository).
  static func base(root: URL, environment: [String: String]) -> String? {
    let named = [
      environment["GITHUB_BASE_REF"], environment["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"],
      environment["CI_DEFAULT_BRANCH"],
    ].compactMap { $0 }.filter { !$0.isEmpty }
    let candidates = named.flatMap { ["origin/\($0)", $0] } + ["origin/HEAD", "main", "master"]
    guard let repository = try? GitRepository.open(containing: root.path) else { return nil }
    return candidates.first { (try? repository.resolve($0)) != nil }
  }

  /// The commits a `git push` sends, from the lines git gives a pre-push hook on standard input
  /// (`<local ref> <local sha> <remote ref> <remote sha>`), as a range `GitRepository.Walk`
  /// understands: `remote..local` for an updated branch, `local ^refs/remotes/*` for a new one;
  /// deletions push nothing.
  /// - Parameter input: standard input's text.
  /// - Returns: the range, or nil when nothing is pushed.
  static func pushedRange(_ input: String) -> String? {
    let zero = String(repeating: "0", count: 40)
    var parts: [String] = []
    var hidesRemotes = false
    for line in input.split(separator: "\n") {
      let fields = line.split(separator: " ").map(String.init)
      guard fields.count == 4, fields[1] != zero else { continue }
      if fields[3] == zero {
        parts.append(fields[1])
        hidesRemotes = true
      } else {
        parts.append("\(fields[3])..\(fields[1])")
      }
    }
    guard !parts.isEmpty else { return nil }
    return (parts + (hidesRemotes ? ["^refs/remotes/*"] : [])).joined(separator: " ")
  }
}
