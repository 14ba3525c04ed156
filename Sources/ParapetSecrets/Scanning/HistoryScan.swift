import ParapetCore
import ParapetGit

/// Scans history: every commit of a walk, only what each commit adds, each content once.
///
/// Three stages: the workers diff commits' trees against their first parents (no content is
/// read); one pass in commit order, oldest first, keeps the first commit that introduced each
/// (old blob, new blob, path) change so nothing is scanned twice; the workers then scan those
/// changes (whole new files, added lines of modified ones). Findings are merged afterwards,
/// keeping for each secret and path the oldest commit.
enum HistoryScan {
  struct Outcome {
    var states: [ScanState]
    var commits: [ObjectID]
    var notifications: [Notice]
    var incomplete: Bool
  }

  /// Walks and scans.
  /// - Parameters:
  ///   - repository: the repository (used for the walk; workers open their own handles).
  ///   - walk: all refs or a range.
  ///   - ruleSet: the compiled rules.
  ///   - options: since, size limit, workers.
  /// - Returns: each worker's state and the walked commits.
  /// - Throws: when the walk itself cannot start.
  static func scan(
    _ repository: GitRepository, walk: GitRepository.Walk, ruleSet: RuleSet, options: SecretsOptions
  ) throws -> Outcome {
    let commits = try repository.commitIDs(walk, since: options.since)
    let path = repository.gitDirectory
    let workers = max(1, min(options.workers, commits.count / 16 + 1))
    // Stage 1: tree diffs, in parallel.
    let diffed = try WorkQueue.run(
      count: commits.count, workers: workers,
      makeState: { (try GitRepository.reopen(path), [Int: [FileChange]](), [Int: String]()) },
      body: { state, index in
        do {
          let result = try state.0.changes(of: commits[index])
          state.1[index] = result.changes
          if result.parentMissing { state.2[index] = "parent missing (shallow boundary)" }
        } catch {
          state.2[index] = "\(error)"
        }
      })
    var changesByCommit = [[FileChange]](repeating: [], count: commits.count)
    var notifications: [Notice] = []
    var problems: [Int: String] = [:]
    for state in diffed {
      for (index, changes) in state.1 { changesByCommit[index] = changes }
      problems.merge(state.2) { first, _ in first }
    }
    let unreadable = problems.values.filter { !$0.hasPrefix("parent missing") }.count
    if unreadable > 0 && unreadable == commits.count {
      throw ParapetSecretsError.cannotScan("none of the \(commits.count) commits could be read: \(problems.values.sorted().first ?? "")")
    }
    if repository.isShallow || problems.values.contains(where: { $0.hasPrefix("parent missing") }) {
      notifications.append(Notice(
        .warning, "repository is shallow: history before the boundary is not scanned; fetch with --unshallow for a full audit"))
    }
    if unreadable > 0 {
      notifications.append(Notice(
        .warning, "scanned \(commits.count - unreadable) of \(commits.count) commits; \(unreadable) could not be read (missing or corrupt objects)"))
    }
    // Stage 2: keep each change once, at its oldest commit.
    var seen = Set<ChangeKey>()
    var units: [(commit: Int, change: FileChange)] = []
    for (index, changes) in changesByCommit.enumerated() {
      for change in changes where seen.insert(ChangeKey(change)).inserted {
        units.append((index, change))
      }
    }
    // Stage 3: scan, in parallel.
    let work = units
    let states = try WorkQueue.run(
      count: work.count, workers: max(1, min(options.workers, work.count / 8 + 1)),
      makeState: { (try GitRepository.reopen(path), ScanState(ruleSet: ruleSet)) },
      body: { state, index in
        let unit = work[index]
        guard !state.1.scanner.isAllowlisted(path: unit.change.path) else {
          state.1.coverage.skip("allowlisted")
          return
        }
        do {
          try ChangeScan.scan(
            unit.change, as: unit.change.path, in: state.0, options: options, commit: unit.commit,
            state: &state.1)
        } catch {
          state.1.coverage.skip("unreadable")
          state.1.notifications.append(Notice(
            .warning, "cannot read blob \(unit.change.newBlob): \(error)", path: unit.change.path))
        }
      }
    ).map(\.1)
    var outcome = Outcome(states: states, commits: commits, notifications: notifications, incomplete: !problems.isEmpty)
    if !states.isEmpty { outcome.states[0].coverage.commits = commits.count - unreadable }
    return outcome
  }

  /// A change is the same change when the same path goes from the same blob to the same blob.
  private struct ChangeKey: Hashable {
    let path: String
    let old: ObjectID?
    let new: ObjectID

    init(_ change: FileChange) {
      path = change.path
      old = change.oldBlob
      new = change.newBlob
    }
  }
}
