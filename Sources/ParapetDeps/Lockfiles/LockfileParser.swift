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

/// Finds the line of a text fragment, for lockfiles whose parsers (JSON, TOML) do not report
/// positions. Exact lines are found through an index built in one pass, so a 5,000-package
/// lockfile costs one scan, not one per package.
struct LineLocator {
  private let lines: [Substring]
  /// Each line without leading spaces and a trailing comma → its first 1-based line number.
  private let exact: [Substring: Int]

  init(_ text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var exact: [Substring: Int] = [:]
    for (index, line) in lines.enumerated() {
      var trimmed = line.drop { $0 == " " || $0 == "\t" }
      while let last = trimmed.last, last == "," || last == "\r" || last == " " {
        trimmed = trimmed.dropLast()
      }
      if exact[trimmed] == nil { exact[trimmed] = index + 1 }
    }
    self.exact = exact
  }

  /// The 1-based line whose text, without indentation and a trailing comma, is exactly `text`.
  /// - Parameter text: such as `"node_modules/qs": {`.
  /// - Returns: the first such line, or nil.
  func line(exactly text: String) -> Int? {
    exact[Substring(text)]
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
