import ParapetCore
import ParapetGit

/// What one worker gathers: its scanner, the secrets it found and what it skipped.
struct ScanState {
  let scanner: ContentScanner
  var found: [Located] = []
  /// The paths scanned (a history scans a path at many commits).
  var checked: Set<String> = []
  var coverage = Coverage()
  var notifications: [Notice] = []

  /// A secret and where it was found.
  struct Located {
    let match: RawMatch
    let path: String
    /// Index into the walked commits, in history modes.
    let commit: Int?
    /// In history modes, the index of the commit whose version of the file no longer holds the
    /// secret's lines; nil while it is still there at the end of the walk.
    var removedAt: Int?
  }

  init(ruleSet: RuleSet) {
    scanner = ContentScanner(ruleSet: ruleSet)
  }

  /// Scans one buffer and records what it finds.
  /// - Parameters:
  ///   - bytes: the content.
  ///   - path: repo-relative.
  ///   - lineMap: how buffer lines map to file lines.
  ///   - commit: the commit index, in history modes.
  mutating func scan(_ bytes: [UInt8], path: String, lineMap: LineMap, commit: Int? = nil) {
    coverage.bytes += bytes.count
    let matches = bytes.withUnsafeBufferPointer { scanner.scan($0, path: path, lineMap: lineMap) }
    for match in matches { found.append(Located(match: match, path: path, commit: commit)) }
  }

  /// Scans what a change added, hunk by hunk, keeping the matches that touch an added line
  /// (the others were in the old version, and were found when it was scanned).
  /// - Parameters:
  ///   - added: the added lines.
  ///   - bytes: the new version.
  ///   - path: the path to report.
  ///   - commit: the commit index, in history modes.
  mutating func scan(_ added: AddedLines, of bytes: [UInt8], path: String, commit: Int?) {
    for hunk in AddedHunks.cut(added, from: bytes) {
      let first = found.count
      scan(
        Array(bytes[hunk.bytes]), path: path, lineMap: LineMap(originalLines: Array(hunk.lines)),
        commit: commit)
      let kept = found[first...].filter { added.intersects($0.match.startLine...$0.match.endLine) }
      found.replaceSubrange(first..., with: kept)
    }
  }

  /// Counts what an earlier scan of a path's versions gave, read from the history cache.
  /// - Parameters:
  ///   - result: what the versions gave.
  ///   - path: the path.
  mutating func add(_ result: HistoryCache.PathResult, path: String) {
    coverage.add(result.coverage)
    if result.coverage.files > 0 { checked.insert(path) }
  }

  /// Counts a skipped unit, with a notification for the reasons a user must act on.
  mutating func skip(_ path: String, _ error: FileContent.SkipError) {
    coverage.skip(error.reason.rawValue)
    if error.reason == .unreadable {
      notifications.append(
        Notice(.warning, "cannot read file: \(error.detail ?? "unknown error")", path: path))
    }
  }
}
