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
  ///   - context: the job's cancellation and progress.
  /// - Returns: each worker's state and the walked commits.
  /// - Throws: when the walk itself cannot start.
  static func scan(
    _ repository: GitRepository, walk: GitRepository.Walk, ruleSet: RuleSet,
    options: SecretsOptions,
    context: ScanContext
  ) throws -> Outcome {
    let commits = try repository.commitIDs(walk, since: options.since)
    try context.cancellation.check()
    context.progress.setTotalCommits(commits.count)
    let path = repository.gitDirectory
    let workers = max(1, min(options.workers, commits.count / 16 + 1))
    // Stage 1: tree diffs, in parallel.
    let diffed = try WorkQueue.run(
      count: commits.count, workers: workers, cancellation: context.cancellation,
      makeState: {
        (try GitRepository.reopen(path), [Int: ([FileChange], [String])](), [Int: String]())
      },
      body: { state, index in
        do {
          let result = try state.0.changes(of: commits[index])
          context.progress.add(commits: 1)
          state.1[index] = (result.changes, result.deletions)
          if result.parentMissing { state.2[index] = "parent missing (shallow boundary)" }
        } catch {
          state.2[index] = "\(error)"
        }
      })
    var changesByCommit = [([FileChange], [String])](repeating: ([], []), count: commits.count)
    var notifications: [Notice] = []
    var problems: [Int: String] = [:]
    for state in diffed {
      for (index, changes) in state.1 { changesByCommit[index] = changes }
      problems.merge(state.2) { first, _ in first }
    }
    let unreadable = problems.values.filter { !$0.hasPrefix("parent missing") }.count
    if unreadable > 0 && unreadable == commits.count {
      throw ParapetSecretsError.cannotScan(
        "none of the \(commits.count) commits could be read: \(problems.values.sorted().first ?? "")"
      )
    }
    if repository.isShallow || problems.values.contains(where: { $0.hasPrefix("parent missing") }) {
      notifications.append(
        Notice(
          .warning,
          "repository is shallow: history before the boundary is not scanned; fetch with --unshallow for a full audit"
        ))
    }
    if unreadable > 0 {
      notifications.append(
        Notice(
          .warning,
          "scanned \(commits.count - unreadable) of \(commits.count) commits; \(unreadable) could not be read (missing or corrupt objects)"
        ))
    }
    // Stage 2: keep each change once, at its oldest commit.
    var seen = Set<ChangeKey>()
    var units: [(commit: Int, event: Event)] = []
    for (index, (changes, deletions)) in changesByCommit.enumerated() {
      for change in changes where seen.insert(ChangeKey(change)).inserted {
        units.append((index, .change(change)))
      }
      units += deletions.map { (index, .deletion($0)) }
    }
    // Stage 3: scan, in parallel, one path at a time per worker, largest paths first.
    var byPath: [String: [Int]] = [:]
    for (index, unit) in units.enumerated() { byPath[unit.event.path, default: []].append(index) }
    let groups = byPath.values.sorted { $0.count > $1.count }
    let work = units
    let states = try WorkQueue.run(
      count: groups.count, workers: max(1, min(options.workers, groups.count)), batch: 1,
      cancellation: context.cancellation,
      makeState: { (try GitRepository.reopen(path), ScanState(ruleSet: ruleSet)) },
      body: { state, group in
        scanVersions(
          groups[group].map { work[$0] }, repository: state.0, options: options,
          progress: context.progress, state: &state.1)
      }
    ).map(\.1)
    var outcome = Outcome(
      states: states, commits: commits, notifications: notifications, incomplete: !problems.isEmpty)
    if !states.isEmpty { outcome.states[0].coverage.commits = commits.count - unreadable }
    return outcome
  }

  /// Scans the changes of one path in commit order. The line hashes of the last version scanned
  /// are kept, so a modification's old blob is read again only when it is not that version (a
  /// change on another branch): each blob is inflated once.
  private static func scanVersions(
    _ versions: [(commit: Int, event: Event)], repository: GitRepository,
    options: SecretsOptions, progress: ScanProgress, state: inout ScanState
  ) {
    var last: (blob: ObjectID, lines: LineHashes)?
    // Secrets found in an earlier version, with the lines that hold them, until a version drops them.
    var open: [(found: Int, lines: [ArraySlice<UInt8>])] = []
    for (commit, event) in versions {
      guard case .change(let change) = event else {
        // A deleted file no longer carries anything it held.
        for entry in open { state.found[entry.found].removedAt = commit }
        open = []
        last = nil
        continue
      }
      let path = change.path
      guard !state.scanner.isAllowlisted(path: path) else {
        state.coverage.skip("allowlisted")
        continue
      }
      do {
        guard try repository.blobSize(change.newBlob) <= options.maxFileSize else {
          state.coverage.skip(FileContent.Skip.tooLarge.rawValue)
          continue
        }
        let bytes = try repository.blob(change.newBlob)
        if let skip = FileContent.classify(bytes) {
          state.coverage.skip(skip.rawValue)
          continue
        }
        state.coverage.files += 1
        progress.add(files: 1, bytes: bytes.count)
        state.checked.append(path)
        let firstNew = state.found.count
        if let old = change.oldBlob {
          let before = last?.blob == old ? last?.lines : nil
          let (added, lines) = (try before ?? LineHashes(repository.blob(old))).advanced(to: bytes)
          if !added.bytes.isEmpty {
            state.scan(
              added.bytes, path: path, lineMap: LineMap(originalLines: added.lineNumbers),
              commit: commit)
          }
          last = (change.newBlob, lines)
        } else {
          state.scan(bytes, path: path, lineMap: .identity, commit: commit)
          last = (change.newBlob, LineHashes(bytes))
        }
        if let current = last?.lines {
          open = open.filter { entry in
            guard entry.lines.allSatisfy(current.contains(line:)) else {
              state.found[entry.found].removedAt = commit
              return false
            }
            return true
          }
        }
        for index in firstNew..<state.found.count {
          let match = state.found[index].match
          open.append((index, Self.lines(match.startLine...match.endLine, of: bytes)))
        }
      } catch {
        state.coverage.skip("unreadable")
        state.notifications.append(
          Notice(.warning, "cannot read blob \(change.newBlob): \(error)", path: path))
      }
    }
  }

  /// The bytes of some 1-based lines of a file, without their line breaks.
  private static func lines(_ numbers: ClosedRange<Int>, of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var start = 0
    var number = 1
    while start <= bytes.count && number <= numbers.upperBound {
      let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
      if numbers.contains(number) {
        var line = bytes[start..<end]
        if line.last == 13 { line = line.dropLast() }
        result.append(line)
      }
      number += 1
      start = end + 1
    }
    return result
  }

  /// What a commit did to a path: added or modified it, or deleted it.
  enum Event {
    case change(FileChange)
    case deletion(String)

    var path: String {
      switch self {
      case .change(let change): change.path
      case .deletion(let path): path
      }
    }
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
