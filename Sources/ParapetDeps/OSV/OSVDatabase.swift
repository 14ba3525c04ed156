import Foundation
import ParapetCore

/// An offline OSV database: records indexed by ecosystem and normalized package name, so a scan
/// evaluates only the records of the packages it has.
public struct OSVDatabase: Sendable {
  /// Records by `ecosystem/normalized-name`.
  private var index: [String: [Int]] = [:]
  public private(set) var records: [OSVRecord] = []
  /// Files that are not valid OSV records, with why; the rest of the database still loads.
  public private(set) var problems: [(path: String, message: String)] = []
  /// Record counts per ecosystem, for `db info`.
  public private(set) var counts: [String: Int] = [:]
  /// The newest `modified` date of a record (ISO 8601), or nil for an empty database.
  public private(set) var newestModified: String?

  /// An empty database.
  public init() {}

  /// Loads every `*.json` file under a directory (other files are ignored), on all cores.
  /// - Parameter directory: the folder.
  /// - Returns: the database; malformed files are listed in `problems`.
  /// - Throws: `ParapetDepsError.database` when the folder cannot be read.
  public static func load(directory: URL) throws -> OSVDatabase {
    guard
      let enumerator = FileManager.default.enumerator(
        at: directory, includingPropertiesForKeys: nil)
    else {
      throw ParapetDepsError.database("\(directory.path): cannot read the OSV database")
    }
    let files = enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
      .sorted { $0.path < $1.path }
    let decoded = DecodedFiles(count: files.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let decoder = JSONDecoder()
      do {
        let data = try Data(contentsOf: files[index])
        decoded.set(index, .success(try decoder.decode(OSVRecord.self, from: data)))
      } catch {
        decoded.set(index, .failure(error))
      }
    }
    var database = OSVDatabase()
    let base = directory.standardizedFileURL.path
    for (index, result) in decoded.results.enumerated() {
      switch result {
      case .success(let record)?: database.add(record)
      case .failure(let error)?:
        let path = files[index].standardizedFileURL.path
        let shown = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
        database.problems.append((shown, "not an OSV record: \(Self.describe(error))"))
      case nil: continue
      }
    }
    return database
  }

  /// Adds a record (withdrawn records are kept out: they no longer describe a vulnerability).
  /// - Parameter record: the record.
  public mutating func add(_ record: OSVRecord) {
    guard record.withdrawn == nil else { return }
    let position = records.count
    records.append(record)
    if let modified = record.modified, modified > (newestModified ?? "") {
      newestModified = modified
    }
    var keys = Set<String>()
    var ecosystems = Set<Ecosystem>()
    for affected in record.affected ?? [] {
      guard let package = affected.package, let ecosystem = Self.ecosystem(package.ecosystem) else {
        continue
      }
      keys.insert(Self.key(ecosystem, package.name))
      ecosystems.insert(ecosystem)
    }
    for key in keys { index[key, default: []].append(position) }
    for ecosystem in ecosystems { counts[ecosystem.rawValue, default: 0] += 1 }
  }

  /// The records that name a package.
  /// - Parameters:
  ///   - ecosystem: its ecosystem.
  ///   - name: its name as written.
  /// - Returns: the records, in load order.
  public func records(for ecosystem: Ecosystem, name: String) -> [OSVRecord] {
    (index[Self.key(ecosystem, name)] ?? []).map { records[$0] }
  }

  static func key(_ ecosystem: Ecosystem, _ name: String) -> String {
    "\(ecosystem.rawValue)/\(ecosystem.normalize(name))"
  }

  /// OSV ecosystems may carry a suffix (`Debian:12`); the part before it names the ecosystem.
  static func ecosystem(_ name: String) -> Ecosystem? {
    Ecosystem(rawValue: String(name.split(separator: ":").first ?? ""))
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
    case DecodingError.dataCorrupted(let context): "invalid JSON (\(context.debugDescription))"
    default: "\(error)"
    }
  }
}

/// One decoding result per file, filled from several threads.
private final class DecodedFiles: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var results: [Result<OSVRecord, Error>?]

  init(count: Int) {
    results = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ result: Result<OSVRecord, Error>) {
    lock.lock()
    results[index] = result
    lock.unlock()
  }
}
