import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

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
  ) async throws -> OSVDatabase {
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
      let (data, response) = try await fetch(url)
      guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        throw ParapetDepsError.database(
          "\(url.absoluteString): HTTP \(status); the database was not changed")
      }
      let file = scratch.appendingPathComponent(ecosystem).appendingPathComponent("all.zip")
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: file)
      progress("received \(data.count / 1024) KiB for \(ecosystem)")
    }
    let database = try OSVDatabase.load(scratch)
    guard !database.records.isEmpty else {
      throw ParapetDepsError.database(
        "the downloaded archives hold no OSV records; the database was not changed")
    }
    try replace(destination) { try database.write(to: $0) }
    return database
  }

  private static func fetch(_ url: URL) async throws -> (Data, URLResponse) {
    do {
      return try await URLSession.shared.data(from: url)
    } catch {
      throw ParapetDepsError.database(
        "\(url.absoluteString): \(error.localizedDescription); the database was not changed")
    }
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
