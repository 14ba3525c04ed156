import ParapetCore
import ParapetGit

/// Scans what `git commit` would record: the index against HEAD, added lines only, read from the
/// object store (not the work tree, which may hold unstaged edits).
enum StagedScan {
  /// Scans the staged change on one thread: a typical commit is too small to be worth a second.
  /// - Parameters:
  ///   - repository: the repository.
  ///   - pathPrefix: the scanned folder relative to the work tree ("" for all of it).
  ///   - ruleSet: the compiled rules.
  ///   - options: file size limit.
  /// - Returns: the state with what was found.
  /// - Throws: when HEAD or the index cannot be read.
  static func scan(
    _ repository: GitRepository, pathPrefix: String, ruleSet: RuleSet, options: SecretsOptions
  ) throws -> ScanState {
    var state = ScanState(ruleSet: ruleSet)
    for change in try repository.stagedChanges() where change.path.hasPrefix(pathPrefix) {
      let path = String(change.path.dropFirst(pathPrefix.count))
      guard !state.scanner.isAllowlisted(path: path) else {
        state.coverage.skip("allowlisted")
        continue
      }
      do {
        try ChangeScan.scan(change, as: path, in: repository, options: options, state: &state)
      } catch {
        state.coverage.skip("unreadable")
        state.notifications.append(
          Notice(.warning, "cannot read staged blob: \(error)", path: path))
      }
    }
    return state
  }
}

/// Scans one added or modified file of a commit or of the index.
enum ChangeScan {
  /// Scans a new file whole, and a modified file's added lines only. The new version is
  /// classified as the work-tree and history scans classify files (binary, LFS pointer, size)
  /// before any of it is scanned.
  /// - Parameters:
  ///   - change: the file change.
  ///   - path: the path to report.
  ///   - repository: where the blobs are.
  ///   - options: file size limit.
  ///   - commit: the commit index, in history modes.
  ///   - state: the worker's state.
  /// - Throws: when a blob is missing.
  static func scan(
    _ change: FileChange, as path: String, in repository: GitRepository, options: SecretsOptions,
    commit: Int? = nil, state: inout ScanState
  ) throws {
    guard try repository.blobSize(change.newBlob) <= options.maxFileSize else {
      state.coverage.skip(FileContent.Skip.tooLarge.rawValue)
      return
    }
    let bytes = try repository.blob(change.newBlob)
    if let skip = FileContent.classify(bytes) {
      state.coverage.skip(skip.rawValue)
      return
    }
    state.coverage.files += 1
    state.checked.insert(path)
    if let old = change.oldBlob {
      let added = LineHashes(try repository.blob(old)).newLines(in: bytes)
      state.scan(added, of: bytes, path: path, commit: commit)
    } else {
      state.scan(bytes, path: path, lineMap: .identity, commit: commit)
    }
  }
}
