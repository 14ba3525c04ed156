import Foundation

/// A repository's packs, mapped once and shared by every worker that reads them.
///
/// A history scan reads its blobs from here rather than through libgit2, whose packs stay
/// mapped for as long as a handle is open (every page read stays resident) and whose delta-base
/// cache holds 16 MiB: together a third of a scan's peak. Objects that are not in a pack mapped
/// here (loose objects, alternates, a pack written after the scan started) are read through
/// libgit2 as before.
public final class PackFiles: @unchecked Sendable {
  struct Pack {
    let index: PackIndex
    let data: UnsafeRawBufferPointer
  }

  let packs: [Pack]
  /// What keeps the packs' bytes alive: the mapped files, or the buffers a test gave.
  private let owners: [AnyObject]

  /// Maps every pack (a `.pack` with its `.idx`) of an objects folder. Packs that cannot be
  /// mapped or are not well formed are left out, for libgit2 to read or report.
  /// - Parameter objectsFolder: a repository's `objects` folder.
  convenience init(objectsFolder: String) {
    let folder = objectsFolder + "/pack"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    var packs: [Pack] = []
    var owners: [AnyObject] = []
    for name in names where name.hasSuffix(".idx") {
      let stem = folder + "/" + name.dropLast(4)
      guard let index = MappedFile(path: stem + ".idx"),
        let data = MappedFile(path: stem + ".pack"),
        let pack = Self.pack(index: index.bytes, data: data.bytes)
      else { continue }
      packs.append(pack)
      owners += [index, data]
    }
    self.init(packs: packs, owners: owners)
  }

  init(packs: [Pack], owners: [AnyObject]) {
    self.packs = packs
    self.owners = owners
  }

  /// A pack from an index and data that pass their headers' checks: a version 2 index, and data
  /// that start `PACK`, version 2 or 3, with the index's count of objects.
  static func pack(index: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer) -> Pack? {
    guard let parsed = PackIndex(index), data.count >= 12 + PackIndex.idSize,
      data.prefix(4).elementsEqual("PACK".utf8),
      [2, 3].contains(UInt32(bigEndian: data.loadUnaligned(fromByteOffset: 4, as: UInt32.self))),
      Int(UInt32(bigEndian: data.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        == parsed.count
    else { return nil }
    return Pack(index: parsed, data: data)
  }

  /// Where an object is: which pack, and the offset of its entry.
  func locate(_ id: UnsafeRawBufferPointer) -> (pack: Int, offset: Int)? {
    for (number, pack) in packs.enumerated() {
      if let offset = pack.index.offset(of: id) { return (number, offset) }
    }
    return nil
  }

  /// Hands every mapped page back to the system; the next read maps them in again.
  func dropPages() {
    for case let file as MappedFile in owners { file.dropPages() }
  }
}
