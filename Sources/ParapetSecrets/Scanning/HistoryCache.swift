import Foundation
import ParapetCore
import ParapetGit

/// What an earlier history scan learned, kept between runs (`--cache DIR`): the commits it
/// walked, what each changed (a path number and two blob ids: no content), and per path what
/// scanning its versions gave (counts, whether anything was found, the last version read).
///
/// The next scan of the same repository with the same rules and options diffs only the commits
/// after those, and reads only the paths they touch, from the last version read. A path where
/// something was found is scanned again whole: no secret is ever written to the cache, and the
/// reports are a full scan's. A cache written with other rules, options or Parapet version, or
/// one that does not read back whole, is not used, with a notice; a scan that was incomplete is
/// not cached.
struct HistoryCache {
  /// What scanning one path's versions gave.
  struct PathResult {
    /// The files (versions) read, their bytes and what was skipped.
    var coverage = Coverage()
    var found = false
    /// The last version read, which the next version is diffed against.
    var lastRead: ObjectID?

    /// Adds what scanning more versions of the path gave.
    mutating func add(_ more: PathResult) {
      coverage.add(more.coverage)
      found = found || more.found
      lastRead = more.lastRead
    }
  }

  /// The digest of what changes results: Parapet's version, the rules, the allowlists and the
  /// options.
  let key: String
  /// The commits walked, in walk order.
  var commits: [ObjectID]
  /// Paths by number.
  var paths: [String]
  /// What the commits changed, sorted by path, each path's changes in commit order.
  var units: [HistoryScan.Unit]
  /// By path number.
  var results: [PathResult]

  /// The first bytes of a cache file, with the format's version.
  private static let magic = Array("parapet history cache 1\n".utf8)

  /// The key of a history scan: a digest of everything that changes its results.
  /// - Parameters:
  ///   - ruleSet: the rules and the global allowlist.
  ///   - options: the options (the walk's `since`, the file size limit, Parapet's version line,
  ///     so a new build never trusts an old one's cache).
  /// - Returns: the key.
  static func key(ruleSet: RuleSet, options: SecretsOptions) -> String {
    func describe(_ allowlist: AllowlistSpec) -> String {
      [allowlist.paths, allowlist.regexes, allowlist.stopwords, allowlist.commits]
        .map { $0.joined(separator: "\u{1}") }.joined(separator: "\u{2}")
    }
    var text = [
      options.toolVersion, "\(options.since ?? -1)", "\(options.maxFileSize)",
      describe(ruleSet.globalAllowlist.spec),
    ]
    for rule in ruleSet.rules {
      text += [
        rule.id, rule.regex, "\(rule.secretGroup ?? -1)", rule.keywords.joined(separator: ","),
        "\(rule.entropy ?? -1)", rule.validator?.rawValue ?? "", rule.pathRegex ?? "",
        "\(rule.generic)", describe(rule.allowlist),
      ]
    }
    return Fingerprint.sha256Hex(Array(text.joined(separator: "\u{0}").utf8))
  }

  /// The file that holds a repository's cache in a folder: named for the repository, so one
  /// folder serves several.
  /// - Parameters:
  ///   - directory: the cache folder.
  ///   - gitDirectory: the repository's git folder.
  /// - Returns: the file.
  static func file(in directory: URL, for gitDirectory: String) -> URL {
    let name = Fingerprint.sha256Hex(Array(gitDirectory.utf8)).prefix(16)
    return directory.appendingPathComponent("history-\(name).cache")
  }

  /// Reads the cache a scan with this key may use.
  /// - Parameters:
  ///   - file: the cache file.
  ///   - key: the scan's key.
  /// - Returns: the cache, or nil with the notice that says why it is not used (none when there
  ///   is no cache yet).
  static func load(_ file: URL, key: String) -> (cache: HistoryCache?, notice: Notice?) {
    guard let data = FileManager.default.contents(atPath: file.path) else { return (nil, nil) }
    var reader = Reader(bytes: Array(data))
    do {
      let cache = try reader.cache()
      guard cache.key == key else {
        return (
          nil,
          Notice(
            .note,
            "the history cache was written with other rules, options or Parapet version: not used",
            path: file.path)
        )
      }
      return (cache, nil)
    } catch {
      return (nil, Notice(.warning, "the history cache is damaged: not used", path: file.path))
    }
  }

  /// Writes the cache, atomically: a reader sees the old file or the new one, never a part.
  /// - Parameter file: the cache file.
  /// - Throws: when the folder cannot be created or the file written.
  func save(_ file: URL) throws {
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    var writer = Writer()
    writer.write(self)
    try Data(writer.bytes).write(to: file, options: .atomic)
  }

  /// The binary form: the magic, the fields in order (integers little-endian, strings and
  /// lists after their count), and the SHA-256 of all of it, in hex.
  private struct Writer {
    var bytes = HistoryCache.magic

    mutating func write(_ cache: HistoryCache) {
      string(cache.key)
      integer(cache.commits.count)
      for commit in cache.commits { bytes += commit.bytes }
      integer(cache.paths.count)
      for path in cache.paths { string(path) }
      for result in cache.results {
        integer(result.coverage.files)
        integer(result.coverage.bytes)
        integer(result.coverage.skipped.count)
        for (reason, count) in result.coverage.skipped.sorted(by: { $0.key < $1.key }) {
          string(reason)
          integer(count)
        }
        bytes.append(result.found ? 1 : 0)
        optional(result.lastRead)
      }
      integer(cache.units.count)
      for unit in cache.units {
        integer(Int(unit.commit))
        integer(Int(unit.path))
        optional(unit.old)
        optional(unit.new)
      }
      bytes += Array(Fingerprint.sha256Hex(bytes).utf8)
    }

    private mutating func integer(_ value: Int) {
      withUnsafeBytes(of: UInt64(value).littleEndian) { bytes += $0 }
    }

    private mutating func string(_ value: String) {
      integer(value.utf8.count)
      bytes += value.utf8
    }

    private mutating func optional(_ id: ObjectID?) {
      bytes.append(id == nil ? 0 : 1)
      if let id { bytes += id.bytes }
    }
  }

  /// Reads the binary form back, refusing anything that is not exactly it.
  private struct Reader {
    struct Damaged: Error {}

    let bytes: [UInt8]
    var index = 0

    mutating func cache() throws -> HistoryCache {
      let digestLength = 64
      guard bytes.count > HistoryCache.magic.count + digestLength,
        bytes.starts(with: HistoryCache.magic),
        Fingerprint.sha256Hex(bytes.dropLast(digestLength))
          == String(decoding: bytes.suffix(digestLength), as: UTF8.self)
      else { throw Damaged() }
      index = HistoryCache.magic.count
      let key = try string()
      var commits: [ObjectID] = []
      for _ in 0..<(try count()) { commits.append(try id()) }
      var paths: [String] = []
      for _ in 0..<(try count()) { paths.append(try string()) }
      var results: [PathResult] = []
      results.reserveCapacity(paths.count)
      for _ in paths.indices {
        var result = PathResult()
        result.coverage.files = try integer()
        result.coverage.bytes = try integer()
        for _ in 0..<(try count()) {
          let reason = try string()
          result.coverage.skipped[reason, default: 0] += try integer()
        }
        result.found = try byte() == 1
        result.lastRead = try optional()
        results.append(result)
      }
      let unitCount = try count()
      var units: [HistoryScan.Unit] = []
      units.reserveCapacity(unitCount)
      for _ in 0..<unitCount {
        let commit = try integer()
        let path = try integer()
        guard commit < commits.count, path < paths.count else { throw Damaged() }
        units.append(
          HistoryScan.Unit(
            commit: Int32(commit), path: Int32(path), old: try optional(), new: try optional()))
      }
      guard index == bytes.count - digestLength else { throw Damaged() }
      return HistoryCache(
        key: key, commits: commits, paths: paths, units: units, results: results)
    }

    private mutating func take(_ length: Int) throws -> ArraySlice<UInt8> {
      guard length >= 0, bytes.count - index >= length else { throw Damaged() }
      defer { index += length }
      return bytes[index..<(index + length)]
    }

    private mutating func byte() throws -> UInt8 { try take(1).first ?? 0 }

    private mutating func integer() throws -> Int {
      guard bytes.count - index >= 8 else { throw Damaged() }
      let value = bytes.withUnsafeBytes {
        UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      }
      index += 8
      guard value <= UInt64(Int.max) else { throw Damaged() }
      return Int(value)
    }

    /// A count of items that follow: no more than the bytes left could hold.
    private mutating func count() throws -> Int {
      let value = try integer()
      guard value <= bytes.count - index else { throw Damaged() }
      return value
    }

    private mutating func string() throws -> String {
      String(decoding: try take(count()), as: UTF8.self)
    }

    private mutating func id() throws -> ObjectID {
      guard let id = ObjectID(bytes: try take(20)) else { throw Damaged() }
      return id
    }

    private mutating func optional() throws -> ObjectID? {
      switch try byte() {
      case 0: return nil
      case 1: return try id()
      default: throw Damaged()
      }
    }
  }
}
