import Foundation
import ParapetCore
import ParapetGit

/// Which commits a CI event means: one function per provider and event. A push to the default
/// branch, a pull request, a new branch, a forced push and a scheduled run each name their own
/// commits; when the commits they name are not in the clone, the scope says so, and the scan
/// fails closed rather than scanning nothing.
enum CIEvents {
  /// What a scan in CI covers.
  struct Scope: Equatable {
    /// The commits, as `GitRepository.Walk.range` reads them (`base..head`, or `head ^hidden…`);
    /// nil for the whole history (a scheduled audit).
    var walk: String?
    /// The event, for reports: `github push`, `gitlab merge_request_event`.
    var event: String
    /// The range as reports name it: `1a2b3c4d5e6f..4d5e6f7a8b9c`, `4d5e6f7a8b9c (new branch)`.
    var range: String
    /// Commits the scope needs that the clone lacks; the commit jobs are incomplete then.
    var missing: [String] = []
    /// What the user should know about how the commits were chosen.
    var notes: [String] = []

    /// Whether the scope is the whole history.
    var isAudit: Bool { walk == nil }
  }

  /// The fix named when commits are missing.
  static let fetchEverything =
    "fetch the whole history (actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: \"0\")"

  /// Whether the process runs in CI, as the common CI services announce it.
  static func inCI(_ environment: [String: String]) -> Bool {
    guard let value = environment["CI"]?.lowercased() else { return false }
    return !value.isEmpty && value != "false" && value != "0"
  }

  /// The scope of the current CI event: GitHub Actions' event payload, GitLab's pipeline
  /// variables, or else the branch's commits not on the base branch.
  /// - Parameters:
  ///   - environment: the CI's variables.
  ///   - repository: the checked-out repository.
  /// - Returns: the scope; nil when nothing names a range (no event, no base branch).
  static func scope(_ environment: [String: String], repository: GitRepository) -> Scope? {
    if environment["GITHUB_ACTIONS"] == "true", let name = environment["GITHUB_EVENT_NAME"],
      let path = environment["GITHUB_EVENT_PATH"], let payload = payload(path)
    {
      switch name {
      case "pull_request", "pull_request_target":
        return githubPullRequest(payload, event: name, repository: repository)
      case "push":
        return githubPush(payload, repository: repository)
      case "schedule", "workflow_dispatch":
        return Scope(walk: nil, event: "github \(name)", range: "all refs")
      default:
        break
      }
    }
    if environment["GITLAB_CI"] == "true", let source = environment["CI_PIPELINE_SOURCE"] {
      switch source {
      case "merge_request_event":
        if let scope = gitlabMergeRequest(environment, repository: repository) { return scope }
      case "push", "web", "api", "trigger", "pipeline":
        if let scope = gitlabPush(environment, source: source, repository: repository) {
          return scope
        }
      case "schedule":
        return Scope(walk: nil, event: "gitlab schedule", range: "all refs")
      default:
        break
      }
    }
    return baseBranch(environment, repository: repository)
  }

  /// `pull_request` and `pull_request_target`: the pull request's own commits, `base.sha` to
  /// `head.sha` from the event, never the merge commit GitHub checks out.
  static func githubPullRequest(_ payload: [String: Any], event: String, repository: GitRepository)
    -> Scope?
  {
    guard let pull = payload["pull_request"] as? [String: Any],
      let base = (pull["base"] as? [String: Any])?["sha"] as? String,
      let head = (pull["head"] as? [String: Any])?["sha"] as? String
    else { return nil }
    return range(base, head, event: "github \(event)", repository: repository)
  }

  /// `push`: `before..after`. A created branch (`before` all zeros) is the commits reachable
  /// from `after` and from no other branch; a forced push whose `before` is gone is the
  /// branch's commits not on the default branch, or, when it rewrote the default branch itself,
  /// all of that branch's history.
  static func githubPush(_ payload: [String: Any], repository: GitRepository) -> Scope? {
    guard let before = payload["before"] as? String, let after = payload["after"] as? String,
      let ref = payload["ref"] as? String
    else { return nil }
    let branch = ref.hasPrefix("refs/heads/") ? String(ref.dropFirst(11)) : ref
    if before == zero {
      return newBranch(after, branch: branch, event: "github push", repository: repository)
    }
    if payload["forced"] as? Bool == true, !repository.hasCommit(before),
      let main = (payload["repository"] as? [String: Any])?["default_branch"] as? String
    {
      return branch == main
        ? rewrittenDefault(after, before: before, main: main, repository)
        : rewritten(after, before: before, main: main, event: "github push", repository)
    }
    return range(before, after, event: "github push", repository: repository)
  }

  /// Merge request pipelines: `CI_MERGE_REQUEST_DIFF_BASE_SHA..CI_COMMIT_SHA`.
  static func gitlabMergeRequest(_ environment: [String: String], repository: GitRepository)
    -> Scope?
  {
    guard let base = environment["CI_MERGE_REQUEST_DIFF_BASE_SHA"], !base.isEmpty,
      let head = environment["CI_COMMIT_SHA"], !head.isEmpty
    else { return nil }
    return range(base, head, event: "gitlab merge_request_event", repository: repository)
  }

  /// Push pipelines: `CI_COMMIT_BEFORE_SHA..CI_COMMIT_SHA`; all zeros means a new branch.
  static func gitlabPush(
    _ environment: [String: String], source: String, repository: GitRepository
  ) -> Scope? {
    guard let head = environment["CI_COMMIT_SHA"], !head.isEmpty else { return nil }
    let before = environment["CI_COMMIT_BEFORE_SHA"] ?? zero
    let event = "gitlab \(source)"
    if before == zero || before.isEmpty {
      let branch = environment["CI_COMMIT_BRANCH"] ?? environment["CI_COMMIT_REF_NAME"] ?? ""
      return newBranch(head, branch: branch, event: event, repository: repository)
    }
    return range(before, head, event: event, repository: repository)
  }

  /// No event names the commits: the branch's commits not on the base branch the CI names
  /// (`GITHUB_BASE_REF`, `CI_MERGE_REQUEST_TARGET_BRANCH_NAME`, `CI_DEFAULT_BRANCH`), else
  /// `origin/HEAD`, `main` or `master`.
  /// On the base branch itself (a push to it, with no event to name the pushed commits), that
  /// is HEAD's own commit.
  static func baseBranch(_ environment: [String: String], repository: GitRepository) -> Scope? {
    guard let base = base(environment, repository: repository),
      let baseID = try? repository.resolve(base), let head = try? repository.resolve("HEAD")
    else { return nil }
    guard baseID == head else {
      return Scope(walk: "\(base)..HEAD", event: "ci", range: "\(base)..HEAD")
    }
    let note =
      "HEAD is \(base) itself and no event names the pushed commits: HEAD's own commit is scanned"
    guard let parent = try? repository.resolve("HEAD~1") else {
      return Scope(walk: "HEAD", event: "ci", range: short(head.description), notes: [note])
    }
    return Scope(
      walk: "\(parent)..HEAD", event: "ci", range: "\(short(parent.description))..HEAD",
      notes: [note])
  }

  /// The revision the current branch is compared with, or nil when none exists.
  static func base(_ environment: [String: String], repository: GitRepository) -> String? {
    let named = [
      environment["GITHUB_BASE_REF"], environment["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"],
      environment["CI_DEFAULT_BRANCH"],
    ].compactMap { $0 }.filter { !$0.isEmpty }
    let candidates = named.flatMap { ["origin/\($0)", $0] } + ["origin/HEAD", "main", "master"]
    return candidates.first { (try? repository.resolve($0)) != nil }
  }

  /// The commits a `git push` sends, from the lines git gives a pre-push hook on standard input
  /// (`<local ref> <local sha> <remote ref> <remote sha>`), as a walk: `remote..local` for an
  /// updated branch, `local ^refs/remotes/*` for a new one; deletions push nothing.
  /// - Parameter input: standard input's text.
  /// - Returns: the walk, or nil when nothing is pushed.
  static func pushedRange(_ input: String) -> String? {
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

  private static let zero = String(repeating: "0", count: 40)

  /// `base..head`, with the commits the clone lacks.
  private static func range(
    _ base: String, _ head: String, event: String, repository: GitRepository
  ) -> Scope {
    Scope(
      walk: "\(base)..\(head)", event: event, range: "\(short(base))..\(short(head))",
      missing: [base, head].filter { !repository.hasCommit($0) })
  }

  /// A branch just created: what `head` reaches that no other branch does. Branches that point
  /// at the pushed branch's name (`refs/heads/x`, `refs/remotes/origin/x`) are not "other".
  private static func newBranch(
    _ head: String, branch: String, event: String, repository: GitRepository
  ) -> Scope {
    let others = ((try? repository.branches()) ?? []).filter { reference in
      reference.name != "refs/heads/\(branch)" && !reference.name.hasSuffix("/\(branch)")
    }
    return Scope(
      walk: ([head] + others.map { "^\($0.id)" }).joined(separator: " "), event: event,
      range:
        "\(short(head)) (new branch \(branch), not on \(others.count) other \(others.count == 1 ? "branch" : "branches"))",
      missing: repository.hasCommit(head) ? [] : [head],
      notes: others.isEmpty
        ? ["no other branch is in the clone: every commit reachable from \(short(head)) is scanned"]
        : [])
  }

  /// A forced push whose old head is gone: the branch's commits not on the default branch.
  private static func rewritten(
    _ head: String, before: String, main: String, event: String, _ repository: GitRepository
  ) -> Scope {
    let base = ["origin/\(main)", main].first { (try? repository.resolve($0)) != nil }
    var scope = Scope(
      walk: base.map { "\($0)..\(head)" } ?? head, event: event,
      range: "\(base ?? main)..\(short(head)) (forced push)",
      missing: repository.hasCommit(head) ? [] : [head],
      notes: [
        "forced push: the previous head \(short(before)) is not in the clone; scanning the branch's commits not on \(main)"
      ])
    if base == nil { scope.missing.append(main) }
    return scope
  }

  /// A forced push that rewrote the default branch: nothing else holds what it may have brought,
  /// so its whole history is scanned.
  private static func rewrittenDefault(
    _ head: String, before: String, main: String, _ repository: GitRepository
  ) -> Scope {
    Scope(
      walk: head, event: "github push",
      range: "\(short(head)) and its history (forced push to \(main))",
      missing: repository.hasCommit(head) ? [] : [head],
      notes: [
        "forced push to \(main): the previous head \(short(before)) is not in the clone; scanning all of \(main)'s history"
      ])
  }

  private static func payload(_ path: String) -> [String: Any]? {
    guard let bytes = try? FileBytes.read(path) else { return nil }
    return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
  }

  private static func short(_ id: String) -> String {
    String(id.prefix(12))
  }
}
