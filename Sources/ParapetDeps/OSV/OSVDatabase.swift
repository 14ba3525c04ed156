import Foundation
import ParapetCore

/// An offline OSV database: records indexed by ecosystem and normalized package name, so a scan
/// evaluates only the records of the packages it has.
public struct OSVDatabase: Sendable {
  /// Records by `ecosystem/normalized-name`, for a database held in memory.
  private var memoryIndex: [String: [Int]] = [:]
  /// The folder and index of a database written by `db import`, read per package.
  public private(set) var storage: (folder: URL, index: OSVIndex)?
  public private(set) var records: [OSVRecord] = []
  /// Files that are not valid OSV records, with why; the rest of the database still loads.
  public private(set) var problems: [(path: String, message: String)] = []
  /// Record counts per ecosystem, for `db info`.
  public private(set) var counts: [String: Int] = [:]
  /// The newest `modified` date of a record (ISO 8601), or nil for an empty database.
  public private(set) var newestModified: String?
  /// The newest `modified` date of each ecosystem's records, by ecosystem.
  public private(set) var newestByEcosystem: [String: String] = [:]

  /// An empty database.
  public init() {}

  /// Loads a database: a folder written by `parapet db import` (its index is read and records
  /// are loaded per package, on demand), or any folder or zip of OSV records (all decoded now, on
  /// all cores).
  /// - Parameter url: the folder or zip.
  /// - Returns: the database; malformed records are listed in `problems`.
  /// - Throws: `ParapetDepsError.database` when it cannot be read.
  public static func load(_ url: URL) throws -> OSVDatabase {
    let indexURL = url.appendingPathComponent(OSVIndex.fileName)
    if FileManager.default.fileExists(atPath: indexURL.path) {
      var database = OSVDatabase()
      let index = try OSVIndex.read(indexURL)
      database.storage = (url, index)
      database.counts = index.counts
      database.newestModified = index.newestModified
      database.newestByEcosystem = index.newestByEcosystem ?? [:]
      return database
    }
    let items = try OSVSource.items(at: url)
    let decoded = ResultSlots<OSVRecord>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
      do {
        decoded.set(
          index, .success(try JSONDecoder().decode(OSVRecord.self, from: items[index].data)))
      } catch {
        decoded.set(index, .failure(error))
      }
    }
    var database = OSVDatabase()
    for (index, result) in decoded.results.enumerated() {
      switch result {
      case .success(let record)?: database.add(record)
      case .failure(let error)?:
        database.problems.append((items[index].origin, "not an OSV record: \(describe(error))"))
      case nil: continue
      }
    }
    return database
  }

  /// Writes this database as an indexed folder: one file of records per package and an index,
  /// so that a scan reads only the files of the packages it has.
  /// - Parameter folder: where to write (created; must not exist).
  /// - Throws: when a file cannot be written.
  public func write(to folder: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var files: [String: String] = [:]
    for (key, positions) in memoryIndex.sorted(by: { $0.key < $1.key }) {
      let relative = OSVIndex.fileName(forKey: key)
      let file = folder.appendingPathComponent(relative)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try encoder.encode(positions.map { records[$0] }).write(to: file)
      files[key] = relative
    }
    try OSVIndex(
      importedAt: ISO8601DateFormatter().string(from: Date()), newestModified: newestModified,
      newestByEcosystem: newestByEcosystem, counts: counts, packages: files
    ).write(to: folder.appendingPathComponent(OSVIndex.fileName))
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
    for key in keys { memoryIndex[key, default: []].append(position) }
    for ecosystem in ecosystems {
      counts[ecosystem.rawValue, default: 0] += 1
      if let modified = record.modified, modified > newestByEcosystem[ecosystem.rawValue] ?? "" {
        newestByEcosystem[ecosystem.rawValue] = modified
      }
    }
  }

  /// The records that name a package.
  /// - Parameters:
  ///   - ecosystem: its ecosystem.
  ///   - name: its name as written.
  /// - Returns: the records, in load order.
  public func records(for ecosystem: Ecosystem, name: String) -> [OSVRecord] {
    let key = Self.key(ecosystem, name)
    if let storage {
      guard let relative = storage.index.packages[key],
        let data = FileManager.default.contents(
          atPath: storage.folder.appendingPathComponent(relative).path)
      else { return [] }
      return (try? JSONDecoder().decode([OSVRecord].self, from: data)) ?? []
    }
    return (memoryIndex[key] ?? []).map { records[$0] }
  }

  static func key(_ ecosystem: Ecosystem, _ name: String) -> String {
    "\(ecosystem.rawValue)/\(ecosystem.normalize(name))"
  }

  /// OSV ecosystems may carry a suffix (`Debian:12`); the part before it names the ecosystem.
  static func ecosystem(_ name: String) -> Ecosystem? {
    Ecosystem(rawValue: String(name.split(separator: ":").first ?? ""))
  }

  static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "wrong type at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
    case DecodingError.dataCorrupted(let context): "invalid JSON (\(context.debugDescription))"
    default: "\(error)"
    }
  }
}

extension OSVDatabase {
  /// The record with an id or alias, for `parapet rules explain`: an indexed database is read
  /// file by file until it is found.
  /// - Parameter id: such as `GHSA-xxxx-xxxx-xxxx` or `CVE-2023-32681`.
  /// - Returns: the record, or nil.
  public func record(named id: String) -> OSVRecord? {
    let matches = { (record: OSVRecord) in record.id == id || (record.aliases ?? []).contains(id) }
    guard let storage else { return records.first(where: matches) }
    for relative in Set(storage.index.packages.values).sorted() {
      guard
        let data = FileManager.default.contents(
          atPath: storage.folder.appendingPathComponent(relative).path),
        let found = (try? JSONDecoder().decode([OSVRecord].self, from: data))?.first(where: matches)
      else { continue }
      return found
    }
    return nil
  }
}
