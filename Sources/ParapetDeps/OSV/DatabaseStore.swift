import CHTTPDownload
import Foundation

/// Imports and updates the local database folder, replacing it atomically: a scan running at
/// the same time sees the old database or the new one, never half of each.
public enum DatabaseStore {
  /// The public OSV bucket, which serves `<ecosystem>/all.zip`.
  public static let defaultURL = "https://osv-vulnerabilities.storage.googleapis.com"

  /// Imports records from a folder or zip into `destination`.
  /// - Parameters:
  ///   - source: OSV records.
  ///   - destination: the database folder.
  /// - Returns: the imported database, whose `problems` list the records left out.
  /// - Throws: when the source cannot be read or the folder cannot be written.
  @discardableResult
  public static func importRecords(from source: URL, into destination: URL) throws -> OSVDatabase {
    let database = try OSVDatabase.load(source)
    guard database.storage == nil else {
      throw ParapetDepsError.database("\(source.path) is already an imported database")
    }
    try replace(destination) { try database.write(to: $0) }
    return database
  }

  /// Downloads each ecosystem's `all.zip`, checks that every archive opens and holds records,
  /// and replaces the database with them.
  /// - Parameters:
  ///   - ecosystems: the OSV ecosystem names to fetch.
  ///   - base: the server, serving `<base>/<ecosystem>/all.zip`.
  ///   - destination: the database folder.
  ///   - progress: told of each step (one line each).
  /// - Returns: the new database.
  /// - Throws: `ParapetDepsError.database` when a download or an archive fails; the old
  ///   database is then left as it was.
  public static func update(
    ecosystems: [String], from base: String, into destination: URL, progress: (String) -> Void
  ) throws -> OSVDatabase {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parapet-db-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    for ecosystem in ecosystems {
      let name =
        ecosystem.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ecosystem
      guard let url = URL(string: "\(base)/\(name)/all.zip") else {
        throw ParapetDepsError.database("\(base): not a URL")
      }
      progress("downloading \(url.absoluteString)")
      let file = scratch.appendingPathComponent(ecosystem).appendingPathComponent("all.zip")
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      let status = try download(url, to: file)
      guard status == 200 else {
        throw ParapetDepsError.database(
          "\(url.absoluteString): HTTP \(status); the database was not changed")
      }
      let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
      progress("received \(size / 1024) KiB for \(ecosystem)")
    }
    let database = try OSVDatabase.load(scratch)
    guard !database.records.isEmpty else {
      throw ParapetDepsError.database(
        "the downloaded archives hold no OSV records; the database was not changed")
    }
    try replace(destination) { try database.write(to: $0) }
    return database
  }

  /// Streams a URL into a file (the archives run to hundreds of megabytes).
  /// - Returns: the HTTP status.
  private static func download(_ url: URL, to file: URL) throws -> Int {
    var reason = [CChar](repeating: 0, count: 512)
    let status = parapet_http_download(url.absoluteString, file.path, &reason, reason.count)
    guard status >= 0 else {
      throw ParapetDepsError.database(
        "\(url.absoluteString): \(String(cString: reason)); the database was not changed")
    }
    return status
  }

  /// Writes a new folder beside `destination`, then swaps it in with renames.
  private static func replace(_ destination: URL, write: (URL) throws -> Void) throws {
    let parent = destination.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let fresh = parent.appendingPathComponent(
      ".\(destination.lastPathComponent).new-\(UUID().uuidString)")
    let old = parent.appendingPathComponent(
      ".\(destination.lastPathComponent).old-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
    do {
      try write(fresh)
    } catch {
      try? FileManager.default.removeItem(at: fresh)
      throw error
    }
    let exists = FileManager.default.fileExists(atPath: destination.path)
    if exists { try FileManager.default.moveItem(at: destination, to: old) }
    try FileManager.default.moveItem(at: fresh, to: destination)
    if exists { try? FileManager.default.removeItem(at: old) }
  }
}
