import Foundation

/// The index of an imported database: which file holds each package's records, and what the
/// database holds.
public struct OSVIndex: Codable, Sendable {
  static let fileName = "index.json"

  /// When the database was imported or updated (ISO 8601).
  public var importedAt: String
  public var newestModified: String?
  /// The newest `modified` date of each ecosystem's records (absent in indexes written before
  /// it was kept).
  public var newestByEcosystem: [String: String]?
  public var counts: [String: Int]
  /// `ecosystem/normalized-name` → the file of its records, relative to the database folder.
  public var packages: [String: String]

  /// A file name for a package key that is safe on every file system: the ecosystem folder and a
  /// digest-free, reversible-enough name (characters outside `[a-z0-9._-]` percent-encoded).
  static func fileName(forKey key: String) -> String {
    let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
    var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789._-")
    allowed.remove(charactersIn: "%")
    let name = parts.count == 2 ? parts[1] : key
    let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    return "\(parts[0])/\(encoded.isEmpty ? "_" : encoded).json"
  }

  static func read(_ url: URL) throws -> OSVIndex {
    do {
      return try JSONDecoder().decode(OSVIndex.self, from: Data(contentsOf: url))
    } catch {
      throw ParapetDepsError.database(
        "\(url.path): not a parapet database index (\(OSVDatabase.describe(error)))")
    }
  }

  func write(to url: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(self).write(to: url, options: .atomic)
  }
}
