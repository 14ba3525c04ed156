import ParapetCore

/// Finds every lockfile under a source's root, each to be reported on its own (monorepos),
/// leaving out installed trees and test fixtures unless asked.
enum LockfileDiscovery {
  static let skippedFolders: Set<String> = [
    "node_modules", "vendor", "testdata", "fixtures", "test-fixtures", "__fixtures__",
    ".venv", "venv",
    "target", ".build",
  ]

  /// - Parameters:
  ///   - source: the files.
  ///   - includeFixtures: look inside the skipped folders too (never inside `.git`).
  /// - Returns: the entries named as lockfiles (files, and links to be refused or followed), in
  ///   path order.
  static func find(in source: any FileSource, includeFixtures: Bool) -> [SourceEntry] {
    source.walk(from: .root) { folder in
      // `.build-*` folders are SwiftPM's scratch paths (`--scratch-path`), like `.build`.
      includeFixtures || !(skippedFolders.contains(folder.name) || folder.name.hasPrefix(".build"))
    }.filter { entry in
      entry.kind != .special && LockfileFormats.parser(for: entry.path.name) != nil
    }
  }
}
