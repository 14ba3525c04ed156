import ParapetCore
import ParapetGit

/// Scans history: every commit of a walk, only what each commit adds, each content once.
///
/// Two stages. The workers diff commits' trees against their first parents (no content is
/// read), a window of commits at a time; each window's changes are folded, in commit order,
/// into one compact list (a change is a path number and two object ids), so memory grows with
/// the number of changes at a few dozen bytes each, never with the per-commit lists. The list
/// is then sorted by path, and the workers scan one path at a time, its versions in commit
/// order: each (old blob, new blob) change once, at its oldest commit, and of a modification
/// only the lines the old version did not have. Findings are merged afterwards, keeping for
/// each secret and path the oldest commit.
enum HistoryScan {
  struct Outcome {
    var states: [ScanState]
    var commits: [ObjectID]
    var notifications: [Notice]
    var incomplete: Bool
    /// What the next scan may start from; nil when none was asked for or this one was
    /// incomplete.
    var cache: HistoryCache?
  }

  /// How many commits are diffed before their changes are folded into the list.
  static let window = 4096

  /// What one commit did to one path.
  struct Unit {
    let commit: Int32
    /// The path's number in the scan's path table.
    let path: Int32
    /// The blob before; nil when the file is new or deleted.
    let old: ObjectID?
    /// The blob after; nil when the commit deleted the file.
    let new: ObjectID?
  }

  /// Walks and scans.
  /// - Parameters:
  ///   - repository: the repository (used for the walk; workers open their own handles).
  ///   - walk: all refs or a range.
  ///   - ruleSet: the compiled rules.
  ///   - options: since, size limit, workers.
  ///   - context: the job's cancellation and progress.
  ///   - cacheKey: the key of the cache to keep for the next scan; nil keeps none.
  ///   - cache: what an earlier scan with that key learned, if any.
  /// - Returns: each worker's state, the walked commits and the cache to keep.
  /// - Throws: when the walk itself cannot start.
  static func scan(
    _ repository: GitRepository, walk: GitRepository.Walk, ruleSet: RuleSet,
    options: SecretsOptions, context: ScanContext, cacheKey: String? = nil,
    cache: HistoryCache? = nil
  ) throws -> Outcome {
    let commits = try repository.commitIDs(walk, since: options.since)
    try context.cancellation.check()
    context.progress.setTotalCommits(commits.count)
    let gitDirectory = repository.gitDirectory
    var paths = PathTable()
    var units: [Unit] = []
    var problems: [Int: String] = [:]
    var notifications: [Notice] = []
    // The cache serves when the commits it walked are where this walk starts: then what they
    // changed, and what their paths' versions gave, are what this walk would find again.
    let earlier = cache.flatMap { commits.starts(with: $0.commits) ? $0 : nil }
    if let cache, earlier == nil {
      notifications.append(
        Notice(
          .note,
          "the history cache is of \(cache.commits.count) commits this history does not start with (rewritten or reordered): all of it was scanned"
        ))
    }
    if let earlier {
      for path in earlier.paths { _ = paths.number(path) }
      units = earlier.units
      context.progress.add(commits: earlier.commits.count)
    }
    for start in stride(from: earlier?.commits.count ?? 0, to: commits.count, by: window) {
      let end = min(start + window, commits.count)
      let diffs = ResultSlots<(changes: [FileChange], deletions: [String], parentMissing: Bool)>(
        count: end - start)
      _ = try WorkQueue.run(
        count: end - start, workers: max(1, min(options.workers, (end - start) / 16 + 1)),
        cancellation: context.cancellation,
        makeState: { try GitRepository.reopen(gitDirectory) },
        body: { handle, offset in
          diffs.set(offset, Result { try handle.changes(of: commits[start + offset]) })
          context.progress.add(commits: 1)
        })
      // The window's handles are gone; with the walk's caches released too, libgit2 unmaps the
      // pack pages this window's trees were read from and frees its delta-base cache (16 MiB),
      // which the next window, reading other trees, would not use.
      repository.releaseCaches()
      for (offset, result) in diffs.results.enumerated() {
        let commit = start + offset
        switch result {
        case .success(let diff)?:
          if diff.parentMissing { problems[commit] = "parent missing (shallow boundary)" }
          for change in diff.changes {
            units.append(
              Unit(
                commit: Int32(commit), path: paths.number(change.path), old: change.oldBlob,
                new: change.newBlob))
          }
          for deleted in diff.deletions {
            units.append(
              Unit(commit: Int32(commit), path: paths.number(deleted), old: nil, new: nil))
          }
        case .failure(let error)?: problems[commit] = "\(error)"
        case nil: problems[commit] = "not diffed"
        }
      }
    }
    // The blobs are read from the packs directly (see `PackFiles`).
    let packs = repository.packFiles()
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

    // One path's versions together, in commit order (the sort is stable); largest paths first,
    // so that a worker that draws a long-lived file does not finish last.
    units.sort { $0.path < $1.path }
    var groups: [Range<Int>] = []
    var first = 0
    for index in units.indices.dropFirst() where units[index].path != units[first].path {
      groups.append(first..<index)
      first = index
    }
    if !units.isEmpty { groups.append(first..<units.count) }
    groups.sort { $0.count > $1.count }
    let work = units
    let ranges = groups
    let names = paths.names
    let cachedCommits = earlier?.commits.count ?? 0
    let results = ResultSlots<HistoryCache.PathResult>(count: ranges.count)
    let states = try WorkQueue.run(
      count: ranges.count, workers: max(1, min(options.workers, ranges.count)), batch: 1,
      cancellation: context.cancellation,
      makeState: {
        let handle = try GitRepository.reopen(gitDirectory)
        handle.readPacks(packs)
        return (handle, ScanState(ruleSet: ruleSet))
      },
      body: { state, group in
        let versions = work[ranges[group]]
        let number = Int(versions[versions.startIndex].path)
        let path = names[number]
        // The versions the cache saw come first: they are of its commits.
        let seen = versions.prefix { Int($0.commit) < cachedCommits }
        var result = HistoryCache.PathResult()
        var fresh = versions
        if !seen.isEmpty, let known = earlier?.results[number], !known.found {
          // Nothing was found in them: only the versions after them are read.
          result = known
          state.1.add(known, path: path)
          fresh = versions[seen.endIndex...]
        }
        if !fresh.isEmpty {
          let before = (coverage: state.1.coverage, found: state.1.found.count)
          let lastRead = scanVersions(
            fresh, after: fresh.startIndex == versions.startIndex ? [] : seen,
            lastRead: result.lastRead, path: path, repository: state.0, options: options,
            progress: context.progress, state: &state.1)
          guard cacheKey != nil else { return }
          result.add(
            HistoryCache.PathResult(
              coverage: state.1.coverage.counted(since: before.coverage),
              found: state.1.found.count > before.found, lastRead: lastRead))
        }
        results.set(group, .success(result))
      }
    ).map(\.1)
    var outcome = Outcome(
      states: states, commits: commits, notifications: notifications, incomplete: !problems.isEmpty)
    if !states.isEmpty { outcome.states[0].coverage.commits = commits.count - unreadable }
    // Only a complete scan is kept: what could not be read must be tried again.
    let scanned = results.results.compactMap { slot -> HistoryCache.PathResult? in
      guard case .success(let result)? = slot else { return nil }
      return result
    }
    if let cacheKey, problems.isEmpty, scanned.count == ranges.count,
      states.allSatisfy({ $0.notifications.isEmpty })
    {
      var byPath = [HistoryCache.PathResult](repeating: .init(), count: names.count)
      for (group, result) in zip(ranges, scanned) {
        byPath[Int(work[group.lowerBound].path)] = result
      }
      outcome.cache = HistoryCache(
        key: cacheKey, commits: commits, paths: names, units: work, results: byPath)
    }
    return outcome
  }

  /// Scans the versions of one path in commit order, each (old blob, new blob) change once. The
  /// line hashes of the last version scanned are kept, so a modification's old blob is read
  /// again only when it is not that version (a change on another branch): each blob is
  /// inflated once.
  ///
  /// A scan that resumes from a cache passes the versions scanned before (`after`), whose
  /// changes are not scanned again, and the last of them read.
  /// - Returns: the last version read, which the path's next version is diffed against.
  private static func scanVersions(
    _ versions: ArraySlice<Unit>, after earlier: ArraySlice<Unit>, lastRead: ObjectID?,
    path: String, repository: GitRepository, options: SecretsOptions, progress: ScanProgress,
    state: inout ScanState
  ) -> ObjectID? {
    guard !state.scanner.isAllowlisted(path: path) else {
      for version in versions where version.new != nil { state.coverage.skip("allowlisted") }
      return nil
    }
    var seen = Set(
      earlier.compactMap { unit in unit.new.map { ChangeKey(old: unit.old, new: $0) } })
    var last: (blob: ObjectID, lines: LineHashes)?
    if let lastRead, let bytes = try? repository.blob(lastRead) {
      last = (lastRead, LineHashes(bytes))
    }
    // Secrets found in an earlier version, with the lines that hold them, until a version drops them.
    var open: [(found: Int, lines: [ArraySlice<UInt8>])] = []
    for version in versions {
      let commit = Int(version.commit)
      guard let new = version.new else {
        // A deleted file no longer carries anything it held.
        for entry in open { state.found[entry.found].removedAt = commit }
        open = []
        last = nil
        continue
      }
      // The same change on another branch, or merged in, was scanned at its oldest commit.
      guard seen.insert(ChangeKey(old: version.old, new: new)).inserted else { continue }
      do {
        guard try repository.blobSize(new) <= options.maxFileSize else {
          state.coverage.skip(FileContent.Skip.tooLarge.rawValue)
          continue
        }
        let bytes = try repository.blob(new)
        if let skip = FileContent.classify(bytes) {
          state.coverage.skip(skip.rawValue)
          continue
        }
        state.coverage.files += 1
        progress.add(files: 1, bytes: bytes.count)
        state.checked.insert(path)
        let firstNew = state.found.count
        if let old = version.old {
          let before = last?.blob == old ? last?.lines : nil
          let (added, lines) = (try before ?? LineHashes(repository.blob(old))).advanced(to: bytes)
          state.scan(added, of: bytes, path: path, commit: commit)
          last = (new, lines)
        } else {
          state.scan(bytes, path: path, lineMap: .identity, commit: commit)
          last = (new, LineHashes(bytes))
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
          Notice(.warning, "cannot read blob \(new): \(error)", path: path))
      }
    }
    return last?.blob
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

  /// Within one path, a change is the same change when it goes from the same blob to the same
  /// blob.
  private struct ChangeKey: Hashable {
    let old: ObjectID?
    let new: ObjectID
  }

  /// Paths by number: a history names each path in many commits, and a number is four bytes
  /// where a `String` is sixteen and often a heap copy.
  struct PathTable {
    private(set) var names: [String] = []
    private var numbers: [String: Int32] = [:]

    /// The number of a path, given on first sight.
    mutating func number(_ path: String) -> Int32 {
      if let number = numbers[path] { return number }
      let number = Int32(names.count)
      names.append(path)
      numbers[path] = number
      return number
    }
  }
}
