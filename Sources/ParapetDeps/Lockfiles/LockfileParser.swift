import Foundation
import ParapetCore

/// A parser of one lockfile format.
protocol LockfileParser {
  /// Whether a file name is this format's.
  static func accepts(fileName: String) -> Bool
  /// Parses a lockfile's text.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - path: repo-relative, for packages and errors.
  ///   - directory: the lockfile's folder, for manifests beside it and includes.
  /// - Returns: its packages.
  /// - Throws: `ParapetDepsError.malformedLockfile` naming the line where it can.
  static func parse(_ text: String, path: String, directory: URL) throws -> Lockfile
}

/// Every lockfile format Parapet reads.
enum LockfileFormats {
  static let all: [any LockfileParser.Type] = [
    PackageLockParser.self, YarnLockParser.self, RequirementsParser.self, PipfileLockParser.self,
    PoetryLockParser.self, UVLockParser.self, CargoLockParser.self, GoModParser.self,
    GemfileLockParser.self, ComposerLockParser.self, PackageResolvedParser.self,
    NuGetLockParser.self,
    GradleLockParser.self, MixLockParser.self, PNPMLockParser.self, PubspecLockParser.self,
    MavenPOMParser.self,
  ]

  /// The parser of a file name, if any.
  static func parser(for fileName: String) -> (any LockfileParser.Type)? {
    all.first { $0.accepts(fileName: fileName) }
  }
}

/// Finds the line of a text fragment, searching forward, for lockfiles whose parsers (JSON,
/// TOML) do not report positions.
struct LineLocator {
  private let lines: [Substring]

  init(_ text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  }

  /// The 1-based line of the first line at or after `from` that contains `fragment`.
  /// - Parameters:
  ///   - fragment: the text to find.
  ///   - from: the 1-based line to start at.
  /// - Returns: the line, or `from` when it is not found.
  func line(of fragment: String, from: Int = 1) -> Int {
    var index = max(0, from - 1)
    while index < lines.count {
      if lines[index].contains(fragment) { return index + 1 }
      index += 1
    }
    return from
  }
}
