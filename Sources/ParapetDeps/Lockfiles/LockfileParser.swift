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
  ///   - site: where the lockfile is, for manifests beside it and includes.
  /// - Returns: its packages.
  /// - Throws: `ParapetDepsError.malformedLockfile` naming the line where it can.
  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile
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
  /// A hash of each line's bytes (without indentation and a trailing comma) → its first 1-based
  /// line number. Hashing the bytes directly avoids String's Unicode-aware hashing, which made
  /// building this index a fifth of parsing a large lockfile.
  private let exact: [UInt64: Int]

  init(_ text: String) {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var exact: [UInt64: Int] = [:]
    exact.reserveCapacity(lines.count)
    for (index, line) in lines.enumerated() {
      let key = Self.key(line.utf8)
      if exact[key] == nil { exact[key] = index + 1 }
    }
    self.exact = exact
  }

  /// The 1-based line whose text, without indentation and a trailing comma, is exactly `text`.
  /// - Parameter text: such as `"node_modules/qs": {`.
  /// - Returns: the first such line, or nil.
  func line(exactly text: String) -> Int? {
    guard let line = exact[Self.key(text.utf8)] else { return nil }
    // A hash match is confirmed on the text itself.
    return lines[line - 1].contains(text) ? line : nil
  }

  /// FNV-1a of the bytes between the indentation and any trailing `,`, `\r` or spaces.
  private static func key<Bytes: BidirectionalCollection>(_ bytes: Bytes) -> UInt64
  where Bytes.Element == UInt8 {
    var start = bytes.startIndex
    while start != bytes.endIndex, bytes[start] == 32 || bytes[start] == 9 {
      start = bytes.index(after: start)
    }
    var end = bytes.endIndex
    while end != start {
      let previous = bytes.index(before: end)
      let byte = bytes[previous]
      guard byte == 44 || byte == 13 || byte == 32 else { break }
      end = previous
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes[start..<end] { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    return hash
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
