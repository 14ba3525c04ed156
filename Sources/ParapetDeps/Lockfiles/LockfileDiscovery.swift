import Foundation

/// Finds every lockfile under a folder, each to be reported on its own (monorepos), leaving out
/// installed trees and test fixtures unless asked.
enum LockfileDiscovery {
  static let skippedFolders: Set<String> = [
    ".git", "node_modules", "vendor", "testdata", "fixtures", "test-fixtures", "__fixtures__",
    ".venv", "venv",
    "target", ".build",
  ]

  /// - Parameters:
  ///   - root: the scanned folder.
  ///   - includeFixtures: look inside the skipped folders too (never inside `.git`).
  /// - Returns: repo-relative paths of lockfiles, sorted.
  static func find(under root: URL, includeFixtures: Bool) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
    var found: [String] = []
    while let path = enumerator.nextObject() as? String {
      let name = (path as NSString).lastPathComponent
      if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeDirectory {
        if name == ".git" || (!includeFixtures && skippedFolders.contains(name)) {
          enumerator.skipDescendants()
        }
        continue
      }
      if LockfileFormats.parser(for: name) != nil { found.append(path) }
    }
    return found.sorted()
  }
}
