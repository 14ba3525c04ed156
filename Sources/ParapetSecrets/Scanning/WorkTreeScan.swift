import Foundation
import ParapetCore
import ParapetGit

/// Scans files on disk: a repository's tracked and untracked-not-ignored files, or every file
/// under a plain folder.
enum WorkTreeScan {
  /// Lists the files to scan.
  /// - Parameters:
  ///   - root: the scanned root, absolute.
  ///   - useGit: list through git (tracked + untracked, ignore rules honoured) when possible.
  /// - Returns: repo-relative paths, sorted.
  /// - Throws: when git cannot list the index or the untracked files.
  static func listFiles(root: String, useGit: Bool) throws -> [String] {
    if useGit, let repository = try? GitRepository.open(containing: root),
      let workdir = repository.workdir
    {
      let prefix = root == workdir ? "" : String(root.dropFirst(workdir.count + 1)) + "/"
      let all = Set(try repository.trackedPaths() + repository.untrackedPaths())
      return all.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }
    return walk(root: root)
  }

  /// Scans the listed files on all workers.
  /// - Parameters:
  ///   - files: repo-relative paths.
  ///   - root: the scanned root.
  ///   - ruleSet: the compiled rules.
  ///   - options: file size limit and worker count.
  /// - Returns: each worker's state.
  /// - Throws: when a worker cannot start.
  static func scan(
    _ files: [String], root: String, ruleSet: RuleSet, options: SecretsOptions
  ) throws -> [ScanState] {
    try WorkQueue.run(
      count: files.count, workers: min(options.workers, max(1, files.count / 4)),
      makeState: { ScanState(ruleSet: ruleSet) },
      body: { state, index in
        let path = files[index]
        guard !state.scanner.isAllowlisted(path: path) else {
          state.coverage.skip("allowlisted")
          return
        }
        switch FileContent.load(path, root: root, maxSize: options.maxFileSize) {
        case .success(let bytes):
          state.coverage.files += 1
          state.checked.append(path)
          state.scan(bytes, path: path, lineMap: .identity)
        case .failure(let skip):
          state.skip(path, skip)
        }
      })
  }

  /// Every file under a folder, `.git` folders left out, symlinks listed but not followed.
  private static func walk(root: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
      let type = enumerator.fileAttributes?[.type] as? FileAttributeType
      if type == .typeDirectory {
        if (path as NSString).lastPathComponent == ".git" { enumerator.skipDescendants() }
        continue
      }
      files.append(path)
    }
    return files.sorted()
  }
}
