import Foundation
import ParapetCore
import ParapetGit

/// The `secrets` job: finds secrets in the work tree, the staged change, a range or history.
public struct SecretsJob: ScanJob {
  public let name = "secrets"

  public var readsCommits: Bool {
    switch options.mode {
    case .staged, .history, .range: true
    case .workTree, .noGit, .standardInput: false
    }
  }
  public let options: SecretsOptions
  public let ruleSet: RuleSet
  /// Findings are masked by `--redact`, or shown whole with `--no-redact`.
  public var redactsOwnFindings: Bool { true }

  /// Creates the job.
  /// - Parameters:
  ///   - options: the resolved options.
  ///   - ruleSet: the compiled rules (built before any job runs, so config errors exit 2).
  public init(options: SecretsOptions, ruleSet: RuleSet) {
    self.options = options
    self.ruleSet = ruleSet
  }

  /// Checks what can be checked before any job starts, so that a wrong invocation is a usage
  /// error (exit 2) rather than a failed job.
  /// - Parameter root: the scanned root.
  /// - Throws: `ParapetSecretsError.notARepository` when the mode needs git and there is none.
  public func preflight(root: URL) throws {
    switch options.mode {
    case .staged, .history, .range: _ = try Self.repository(at: root.path)
    case .workTree: _ = try GitRepository.openIfPresent(containing: root.path)
    case .noGit, .standardInput: break
    }
  }

  public func run(_ context: ScanContext) async throws -> JobResult {
    let root = context.root.path
    var states: [ScanState]
    var notifications: [Notice] = []
    var commitFacts: [Int: CommitFacts] = [:]
    var incomplete = false
    var walkLength = 0
    switch options.mode {
    case .workTree, .noGit:
      let files = try WorkTreeScan.listFiles(
        root: root, source: context.source, useGit: options.mode == .workTree)
      states = try WorkTreeScan.scan(
        files, source: context.source, ruleSet: ruleSet, options: options, context: context)
    case .standardInput(let bytes):
      var state = ScanState(ruleSet: ruleSet)
      state.coverage.files = 1
      state.checked = ["-"]
      state.scan(bytes, path: "-", lineMap: .identity)
      states = [state]
    case .staged:
      let repository = try Self.repository(at: root)
      states = [
        try StagedScan.scan(
          repository, pathPrefix: Self.prefix(of: root, in: repository), ruleSet: ruleSet,
          options: options)
      ]
    case .history where try Self.repository(at: root).isEmpty:
      // Nothing was ever committed: what there is to scan is the work tree.
      let files = try WorkTreeScan.listFiles(root: root, source: context.source, useGit: true)
      states = try WorkTreeScan.scan(
        files, source: context.source, ruleSet: ruleSet, options: options, context: context)
      notifications.append(
        Notice(.note, "the repository has no commits yet: its work tree was scanned instead"))
    case .history, .range:
      let repository = try Self.repository(at: root)
      let walk: GitRepository.Walk =
        if case .range(let range) = options.mode { .range(range) } else { .all }
      // A cache serves the whole history only: a range's commits are few, and change.
      let cache = options.mode == .history ? options.cacheDirectory : nil
      let file = cache.map { HistoryCache.file(in: $0, for: repository.gitDirectory) }
      var key: String?
      var earlier: HistoryCache?
      if let file {
        key = HistoryCache.key(ruleSet: ruleSet, options: options)
        let loaded = HistoryCache.load(file, key: key ?? "")
        earlier = loaded.cache
        notifications += loaded.notice.map { [$0] } ?? []
      }
      let outcome = try HistoryScan.scan(
        repository, walk: walk, ruleSet: ruleSet, options: options, context: context,
        cacheKey: key, cache: earlier)
      states = outcome.states
      notifications += outcome.notifications
      if let file, let learned = outcome.cache,
        states.allSatisfy({ $0.scanner.brokenRules.isEmpty })
      {
        do { try learned.save(file) } catch {
          notifications.append(
            Notice(
              .warning, "cannot write the history cache: \(error.localizedDescription)",
              path: file.path))
        }
      }
      incomplete = outcome.incomplete
      walkLength = outcome.commits.count
      let allowedCommits = ruleSet.globalAllowlist.commits
      for index in Set(states.flatMap { $0.found.compactMap(\.commit) }) {
        let id = outcome.commits[index]
        if let info = try? repository.commitInfo(id) {
          commitFacts[index] = CommitFacts(
            id: id.description, authorName: info.authorName, authorEmail: info.authorEmail,
            date: info.date)
        }
      }
      if !allowedCommits.isEmpty {
        for index in states.indices {
          states[index].found.removeAll { item in
            item.commit.flatMap { commitFacts[$0]?.id }.map(allowedCommits.contains) ?? false
          }
        }
      }
    }
    if case .standardInput = options.mode {
    } else {
      let (baseline, problem) = DetectSecretsBaseline.read(from: context.source)
      notifications += problem.map { [$0] } ?? []
      if !baseline.isEmpty {
        for index in states.indices {
          states[index].found.removeAll { baseline.accepts($0.match.secret, at: $0.path) }
        }
      }
    }
    return result(
      states, notifications: notifications, commits: commitFacts, walkLength: walkLength,
      incomplete: incomplete)
  }

  private func result(
    _ states: [ScanState], notifications extra: [Notice], commits: [Int: CommitFacts],
    walkLength: Int, incomplete: Bool
  ) -> JobResult {
    var coverage = Coverage()
    var notifications = extra
    var broken: [String: String] = [:]
    for state in states {
      coverage.add(state.coverage)
      notifications += state.notifications
      broken.merge(state.scanner.brokenRules) { first, _ in first }
    }
    for (id, message) in broken.sorted(by: { $0.key < $1.key }) {
      notifications.append(Notice(.error, "rule '\(id)' was not run: \(message)"))
    }
    notifications += Self.skippedNotes(coverage)
    let factory = FindingFactory(
      ruleSet: ruleSet, redact: options.redact, minConfidence: options.minConfidence)
    let findings = factory.findings(
      states.flatMap(\.found), commits: commits, walkLength: walkLength)
    let checked = Array(Set(states.flatMap(\.checked))).sorted()
    let usedRules = Set(findings.map(\.ruleId))
    let unreadable = coverage.skipped["unreadable"] ?? 0
    return JobResult(
      job: name, status: incomplete || unreadable > 0 || !broken.isEmpty ? .incomplete : .complete,
      findings: findings,
      notifications: notifications, checked: checked,
      rules: ruleSet.rules.filter { usedRules.contains($0.id) }.map(\.descriptor),
      coverage: coverage)
  }

  /// The notes that count skipped files by reason (unreadable files have notices of their own).
  /// - Parameter coverage: the job's coverage.
  /// - Returns: one note per reason.
  public static func skippedNotes(_ coverage: Coverage) -> [Notice] {
    coverage.skipped.sorted(by: { $0.key < $1.key }).filter { $0.key != "unreadable" }.map {
      Notice(.note, "skipped \($0.value) \($0.value == 1 ? "file" : "files"): \($0.key)")
    }
  }

  private static func repository(at root: String) throws -> GitRepository {
    guard let repository = try GitRepository.openIfPresent(containing: root) else {
      throw ParapetSecretsError.notARepository(root)
    }
    return repository
  }

  private static func prefix(of root: String, in repository: GitRepository) -> String {
    guard let workdir = repository.workdir, root != workdir, root.hasPrefix(workdir + "/") else {
      return ""
    }
    return String(root.dropFirst(workdir.count + 1)) + "/"
  }
}
