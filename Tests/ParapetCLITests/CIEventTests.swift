import Foundation
import ParapetTestSupport
import XCTest

/// Issue 14: which commits each CI event scans, on real repositories cloned as the CI services
/// clone them, with event payloads shaped as GitHub sends them and GitLab's pipeline variables.
/// A leak added and then deleted on the default branch is found; a clone that lacks the
/// event's commits fails closed (exit 3) with the fix named.
final class CIEventTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 0x14_c1)
  private func token() -> String { tokens.make("ghp_{{base62-crc32}}") }

  /// A remote with `main`: a first commit, then one that adds a token, then one that deletes it.
  private struct Remote {
    let origin: TemporaryRepository
    let first: String
    let leak: String
    let cleanup: String
    let leakedToken: String
  }

  private func remote() throws -> Remote {
    let origin = try TemporaryRepository()
    try origin.write("README.md", "hello\n")
    let first = try origin.commitAll("first")
    let leakedToken = token()
    try origin.write("deploy.env", "GITHUB_TOKEN=\(leakedToken)\n")
    let leak = try origin.commitAll("add deploy settings")
    try FileManager.default.removeItem(at: origin.url.appendingPathComponent("deploy.env"))
    let cleanup = try origin.commitAll("remove deploy settings")
    return Remote(
      origin: origin, first: first, leak: leak, cleanup: cleanup, leakedToken: leakedToken)
  }

  /// A clone as a CI runner makes it: every branch, or `--depth N`.
  private func clone(_ origin: TemporaryRepository, depth: Int? = nil, branch: String = "main")
    throws -> TemporaryRepository
  {
    let ci = try TemporaryRepository(git: false)
    var arguments = ["clone", "-q", "--branch", branch]
    if let depth { arguments += ["--depth", "\(depth)"] }
    arguments += ["file://\(origin.url.path)", ci.url.appendingPathComponent("checkout").path]
    let result = try Command.run(URL(fileURLWithPath: "/usr/bin/git"), arguments)
    XCTAssertEqual(result.status, 0, result.stderr)
    return ci
  }

  private func scan(
    _ checkout: URL, _ environment: [String: String], _ extra: [String] = []
  ) throws -> (result: CommandResult, jobs: [[String: Any]]) {
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let result = try Command.run(
      TestPaths.binary,
      ["scan", checkout.path, "--jobs", "secrets,signatures", "--json", json.path] + extra,
      environment: Command.outsideCI.merging(environment) { $1 })
    return (result, try JSONReport.jobs(json))
  }

  private func github(_ event: String, _ payload: [String: Any]) throws -> [String: String] {
    let folder = try TemporaryRepository(git: false)
    let path = folder.url.appendingPathComponent("event.json")
    try JSONSerialization.data(withJSONObject: payload, options: [.prettyPrinted]).write(to: path)
    keep.append(folder)
    return [
      "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event,
      "GITHUB_EVENT_PATH": path.path,
    ]
  }

  /// Folders that must outlive a helper call.
  private var keep: [TemporaryRepository] = []

  private func repository(_ defaultBranch: String = "main") -> [String: Any] {
    [
      "id": 123_456, "name": "app", "full_name": "example/app", "private": false,
      "default_branch": defaultBranch, "html_url": "https://github.com/example/app",
    ]
  }

  private func pushPayload(ref: String, before: String, after: String, forced: Bool = false)
    -> [String: Any]
  {
    [
      "ref": ref, "before": before, "after": after,
      "created": before == String(repeating: "0", count: 40), "deleted": false,
      "forced": forced, "base_ref": NSNull(),
      "compare":
        "https://github.com/example/app/compare/\(before.prefix(12))...\(after.prefix(12))",
      "commits": [["id": after, "distinct": true, "message": "change"]],
      "head_commit": ["id": after, "distinct": true, "message": "change"],
      "repository": repository(), "pusher": ["name": "ada", "email": "ada@example.org"],
      "sender": ["login": "ada", "type": "User"],
    ]
  }

  private func summary(_ jobs: [[String: Any]], _ name: String) -> String {
    guard let job = jobs.first(where: { $0["job"] as? String == name }) else { return "none" }
    let coverage = job["coverage"] as? [String: Any] ?? [:]
    return
      "\(job["status"] ?? "") \(coverage["commits"] ?? "") \(coverage["range"] ?? "no range")"
  }

  func testIssue14APushToTheDefaultBranchScansBeforeToAfter() throws {
    let remote = try remote()
    let ci = try clone(remote.origin)
    let event = try github(
      "push", pushPayload(ref: "refs/heads/main", before: remote.first, after: remote.cleanup))
    let (result, jobs) = try scan(ci.url.appendingPathComponent("checkout"), event)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertTrue(
      result.stdout.contains("deploy.env:1:14 [\(remote.leak.prefix(12))]"), result.stdout)
    XCTAssertFalse(result.stdout.contains(remote.leakedToken), result.stdout)
    XCTAssertEqual(
      summary(jobs, "secrets"),
      "complete 2 \(remote.first.prefix(12))..\(remote.cleanup.prefix(12)) (github push)")
    XCTAssertEqual(summary(jobs, "signatures"), "skipped 0 no range")
  }

  func testIssue14AShallowCloneFailsClosedNamingTheFix() throws {
    let remote = try remote()
    let ci = try clone(remote.origin, depth: 1)
    let event = try github(
      "push", pushPayload(ref: "refs/heads/main", before: remote.first, after: remote.cleanup))
    let (result, jobs) = try scan(ci.url.appendingPathComponent("checkout"), event)
    XCTAssertEqual(result.status, 3, result.stdout + result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "secrets: warning: the commits of github push \(remote.first.prefix(12))..\(remote.cleanup.prefix(12)) are not all in the clone (missing \(remote.first.prefix(12))): fetch the whole history (actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: \"0\"); the work tree was scanned instead"
      ), result.stdout)
    XCTAssertTrue(result.stderr.contains("the repository is a shallow clone"), result.stderr)
    XCTAssertEqual(summary(jobs, "secrets").prefix(10), "incomplete")
    // Outside CI, --strict trips on the shallow clone in every mode.
    let checkout = ci.url.appendingPathComponent("checkout").path
    for mode in [[], ["--audit"], ["--jobs", "secrets", "--history"]] {
      let strict = try Command.parapet(["scan", checkout, "--strict"] + mode)
      XCTAssertEqual(strict.status, 3, "\(mode): \(strict.stdout) \(strict.stderr)")
    }
  }

  func testIssue14APullRequestScansItsOwnCommitsNotTheMergeCommit() throws {
    let remote = try remote()
    let origin = remote.origin
    try origin.git("checkout", "-q", "-b", "feature", remote.first)
    let prToken = token()
    try origin.write("app.env", "TOKEN=\(prToken)\n")
    let head = try origin.commitAll("feature work")
    try origin.git("checkout", "-q", "main")
    // The synthetic merge GitHub checks out, as refs/pull/7/merge.
    try origin.git("checkout", "-q", "--detach", remote.cleanup)
    try origin.git("merge", "-q", "--no-ff", "-m", "Merge \(head) into \(remote.cleanup)", head)
    let merge = try origin.git("rev-parse", "HEAD")
    try origin.git("update-ref", "refs/pull/7/merge", merge)
    try origin.git("checkout", "-q", "main")
    let ci = try clone(origin)
    let checkout = ci.url.appendingPathComponent("checkout")
    try ci.git("-C", checkout.path, "fetch", "-q", "origin", "refs/pull/7/merge")
    try ci.git("-C", checkout.path, "checkout", "-q", "--detach", "FETCH_HEAD")
    let event = try github(
      "pull_request",
      [
        "action": "synchronize", "number": 7,
        "pull_request": [
          "number": 7, "state": "open",
          "head": ["ref": "feature", "sha": head, "repo": repository()],
          "base": ["ref": "main", "sha": remote.cleanup, "repo": repository()],
          "merge_commit_sha": merge,
        ],
        "repository": repository(), "sender": ["login": "ada"],
      ])
    let (result, jobs) = try scan(checkout, event)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.contains("app.env:1:7 [\(head.prefix(12))]"), result.stdout)
    XCTAssertFalse(result.stdout.contains("deploy.env"), result.stdout)
    XCTAssertEqual(
      summary(jobs, "secrets"),
      "complete 1 \(remote.cleanup.prefix(12))..\(head.prefix(12)) (github pull_request)")
  }

  func testIssue14ACreatedBranchScansWhatNoOtherBranchHas() throws {
    let remote = try remote()
    let origin = remote.origin
    try origin.git("checkout", "-q", "-b", "topic")
    try origin.write("topic.env", "TOKEN=\(token())\n")
    let head = try origin.commitAll("topic work")
    try origin.git("checkout", "-q", "main")
    let ci = try clone(origin, branch: "topic")
    let event = try github(
      "push",
      pushPayload(
        ref: "refs/heads/topic", before: String(repeating: "0", count: 40), after: head))
    let (result, jobs) = try scan(ci.url.appendingPathComponent("checkout"), event)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.contains("topic.env:1:7"), result.stdout)
    XCTAssertFalse(result.stdout.contains("deploy.env"), result.stdout)
    XCTAssertTrue(
      summary(jobs, "secrets").hasPrefix(
        "complete 1 \(head.prefix(12)) (new branch topic, not on 1 other branch) (github push)"),
      summary(jobs, "secrets"))
  }

  func testIssue14AForcedPushWhoseOldHeadIsGoneScansTheBranchBeyondMain() throws {
    let remote = try remote()
    let origin = remote.origin
    try origin.git("checkout", "-q", "-b", "topic", remote.cleanup)
    try origin.write("one.env", "TOKEN=\(token())\n")
    let rewritten = try origin.commitAll("rewritten topic")
    try origin.git("checkout", "-q", "main")
    let ci = try clone(origin, branch: "topic")
    let gone = String(repeating: "ab", count: 20)
    let event = try github(
      "push", pushPayload(ref: "refs/heads/topic", before: gone, after: rewritten, forced: true))
    let (result, jobs) = try scan(ci.url.appendingPathComponent("checkout"), event)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.contains("one.env:1:7"), result.stdout)
    XCTAssertFalse(result.stdout.contains("deploy.env"), result.stdout)
    XCTAssertTrue(
      result.stderr.contains(
        "secrets: note: forced push: the previous head abababababab is not in the clone; scanning the branch's commits not on main"
      ), result.stdout)
    XCTAssertEqual(
      summary(jobs, "secrets"),
      "complete 1 origin/main..\(rewritten.prefix(12)) (forced push) (github push)")
  }

  func testAForcedPushThatRewroteTheDefaultBranchScansAllOfIt() throws {
    let remote = try remote()
    let ci = try clone(remote.origin)
    let gone = String(repeating: "cd", count: 20)
    let event = try github(
      "push", pushPayload(ref: "refs/heads/main", before: gone, after: remote.cleanup, forced: true)
    )
    let (result, jobs) = try scan(ci.url.appendingPathComponent("checkout"), event)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertTrue(
      result.stdout.contains("deploy.env:1:14 [\(remote.leak.prefix(12))]"), result.stdout)
    XCTAssertTrue(
      result.stderr.contains(
        "secrets: note: forced push to main: the previous head cdcdcdcdcdcd is not in the clone; scanning all of main's history"
      ), result.stderr)
    XCTAssertEqual(
      summary(jobs, "secrets"),
      "complete 3 \(remote.cleanup.prefix(12)) and its history (forced push to main) (github push)")
  }

  func testIssue14AScheduledRunAudits() throws {
    let remote = try remote()
    let ci = try clone(remote.origin)
    let event = try github("schedule", ["schedule": "17 4 * * 1", "repository": repository()])
    let (result, jobs) = try scan(ci.url.appendingPathComponent("checkout"), event)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertEqual(summary(jobs, "secrets"), "complete 3 all refs (github schedule)")
  }

  func testIssue14GitLabPipelines() throws {
    let remote = try remote()
    let ci = try clone(remote.origin)
    let checkout = ci.url.appendingPathComponent("checkout")
    let gitlab = ["CI": "true", "GITLAB_CI": "true"]
    let push = try scan(
      checkout,
      gitlab.merging([
        "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BEFORE_SHA": remote.first,
        "CI_COMMIT_SHA": remote.cleanup, "CI_COMMIT_BRANCH": "main",
      ]) { $1 })
    XCTAssertEqual(push.result.status, 1, push.result.stdout)
    XCTAssertEqual(
      summary(push.jobs, "secrets"),
      "complete 2 \(remote.first.prefix(12))..\(remote.cleanup.prefix(12)) (gitlab push)")
    let request = try scan(
      checkout,
      gitlab.merging([
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": remote.leak, "CI_COMMIT_SHA": remote.cleanup,
      ]) { $1 })
    XCTAssertEqual(request.result.status, 0, request.result.stdout)
    XCTAssertEqual(
      summary(request.jobs, "secrets"),
      "complete 1 \(remote.leak.prefix(12))..\(remote.cleanup.prefix(12)) (gitlab merge_request_event)"
    )
    let scheduled = try scan(checkout, gitlab.merging(["CI_PIPELINE_SOURCE": "schedule"]) { $1 })
    XCTAssertEqual(scheduled.result.status, 1, scheduled.result.stdout)
    XCTAssertEqual(summary(scheduled.jobs, "secrets"), "complete 3 all refs (gitlab schedule)")
    let shallow = try clone(remote.origin, depth: 1)
    let missing = try scan(
      shallow.url.appendingPathComponent("checkout"),
      gitlab.merging([
        "CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BEFORE_SHA": remote.first,
        "CI_COMMIT_SHA": remote.cleanup,
      ]) { $1 })
    XCTAssertEqual(missing.result.status, 3, missing.result.stdout)
    XCTAssertTrue(missing.result.stderr.contains("GIT_DEPTH: \"0\""), missing.result.stderr)
  }

  func testIssue14SignaturesRunInCIOnlyUnderATrustPolicy() throws {
    let remote = try remote()
    let ci = try clone(remote.origin)
    let checkout = ci.url.appendingPathComponent("checkout")
    let event = try github(
      "push", pushPayload(ref: "refs/heads/main", before: remote.leak, after: remote.cleanup))
    let skipped = try scan(checkout, event)
    XCTAssertEqual(skipped.result.status, 0, skipped.result.stdout)
    XCTAssertTrue(
      skipped.result.stderr.contains(
        "signatures: note: no trust policy, so commit signatures are not checked in CI"),
      skipped.result.stdout)
    let keys = try TemporaryRepository(git: false)
    let key = keys.url.appendingPathComponent("ada").path
    try Command.run(
      URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", key])
    let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8)
    try keys.write("allowed_signers", "ada@example.org \(publicKey)")
    let checked = try scan(
      checkout, event,
      ["--allowed-signers", keys.url.appendingPathComponent("allowed_signers").path])
    XCTAssertEqual(checked.result.status, 1, checked.result.stdout)
    XCTAssertTrue(
      summary(checked.jobs, "signatures").hasPrefix("complete 1 "),
      summary(checked.jobs, "signatures"))
  }

  func testIssue14AMissingDatabaseFailsClosedInCIUnlessAccepted() throws {
    let repo = try TemporaryRepository()
    try repo.write("requirements.txt", "urllib3==1.26.4\n")
    try repo.commitAll("deps")
    let missing = repo.url.appendingPathComponent("no-db").path
    let environment = Command.outsideCI.merging(["CI": "true"]) { $1 }
    let strict = try Command.run(
      TestPaths.binary, ["scan", repo.url.path, "--jobs", "deps", "--db", missing],
      environment: environment)
    XCTAssertEqual(strict.status, 3, strict.stdout)
    let accepted = try Command.run(
      TestPaths.binary,
      ["scan", repo.url.path, "--jobs", "deps", "--db", missing, "--allow-missing-db"],
      environment: environment)
    XCTAssertEqual(accepted.status, 0, accepted.stdout)
    let local = try Command.parapet(["scan", repo.url.path, "--jobs", "deps", "--db", missing])
    XCTAssertEqual(local.status, 0, local.stdout)
  }
}
