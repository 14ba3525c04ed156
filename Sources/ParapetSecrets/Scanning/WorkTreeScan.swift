import Foundation
import ParapetCore
import ParapetGit

/// Scans files on disk: a repository's tracked and untracked-not-ignored files, or every file
/// under a plain folder, read through the scan's file source.
enum WorkTreeScan {
  /// Lists the files to scan.
  /// - Parameters:
  ///   - root: the scanned root, absolute.
  ///   - source: its files.
  ///   - useGit: list through git (tracked + untracked, ignore rules honoured) when possible.
  /// - Returns: root-relative paths, sorted.
  /// - Throws: when git cannot list the index or the untracked files.
  static func listFiles(root: String, source: any FileSource, useGit: Bool) throws -> [SourcePath] {
    // A repository of another user is an error, never silently a plain folder.
    if useGit, let repository = try GitRepository.openIfPresent(containing: root),
      let workdir = repository.workdir
    {
      let prefix = root == workdir ? nil : SourcePath(String(root.dropFirst(workdir.count + 1)))
      let all = Set(try repository.trackedPaths() + repository.untrackedPaths())
      guard let prefix else { return all.sorted() }
      return all.compactMap { path in
        guard path.isInside(prefix), path != prefix else { return nil }
        return SourcePath(bytes: path.bytes.dropFirst(prefix.bytes.count + 1))
      }.sorted()
    }
    return source.walk(from: .root) { _ in true }.map(\.path)
  }

  /// Scans the listed files on all workers.
  /// - Parameters:
  ///   - files: root-relative paths.
  ///   - source: where they are read.
  ///   - ruleSet: the compiled rules.
  ///   - options: file size limit and worker count.
  ///   - context: the job's cancellation and progress.
  /// - Returns: each worker's state.
  /// - Throws: when a worker cannot start, or the job was told to stop.
  static func scan(
    _ files: [SourcePath], source: any FileSource, ruleSet: RuleSet, options: SecretsOptions,
    context: ScanContext
  ) throws -> [ScanState] {
    try WorkQueue.run(
      count: files.count, workers: min(options.workers, max(1, files.count / 4)),
      cancellation: context.cancellation, makeState: { ScanState(ruleSet: ruleSet) },
      body: { state, index in
        let file = files[index]
        let path = file.description
        guard !state.scanner.isAllowlisted(path: path) else {
          state.coverage.skip("allowlisted")
          return
        }
        switch FileContent.load(file, from: source, maxSize: options.maxFileSize) {
        case .success(let bytes):
          state.coverage.files += 1
          context.progress.add(files: 1, bytes: bytes.count)
          state.checked.insert(path)
          state.scan(bytes, path: path, lineMap: .identity)
        case .failure(let skip):
          state.skip(path, skip)
        }
      })
  }
}
