import Foundation
import ZIPFoundation

/// Reads OSV records from what users have: folders of JSON files (searched recursively, other
/// files ignored) and `all.zip` archives in osv-scanner's layout (`<ecosystem>/all.zip`).
enum OSVSource {
  /// One record's bytes and where it came from, for error messages.
  struct Item {
    let origin: String
    let data: Data
  }

  /// Every record file under a folder, or in a zip file.
  /// - Parameter url: a folder or a `.zip`.
  /// - Returns: the raw records.
  /// - Throws: `ParapetDepsError.database` when the folder or an archive cannot be read.
  static func items(at url: URL) throws -> [Item] {
    if url.pathExtension == "zip" { return try zipItems(url, shownAs: url.lastPathComponent) }
    guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
    else {
      throw ParapetDepsError.database("\(url.path): cannot read the OSV database")
    }
    let base = url.standardizedFileURL.path
    var items: [Item] = []
    for case let file as URL in enumerator {
      let path = file.standardizedFileURL.path
      let shown = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
      switch file.pathExtension {
      case "json":
        if let data = FileManager.default.contents(atPath: file.path) {
          items.append(Item(origin: shown, data: data))
        }
      case "zip":
        items += try zipItems(file, shownAs: shown)
      default:
        continue
      }
    }
    return items.sorted { $0.origin < $1.origin }
  }

  private static func zipItems(_ url: URL, shownAs name: String) throws -> [Item] {
    let archive: Archive
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw ParapetDepsError.database("\(name): not a readable zip archive")
    }
    var items: [Item] = []
    for entry in archive where entry.type == .file && entry.path.hasSuffix(".json") {
      var data = Data()
      do {
        _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
      } catch {
        throw ParapetDepsError.database("\(name): entry \(entry.path) is corrupt (\(error))")
      }
      items.append(Item(origin: "\(name)!\(entry.path)", data: data))
    }
    return items
  }
}
