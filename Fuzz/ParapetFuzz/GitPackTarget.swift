@testable import ParapetGit

/// A pack and its index, read as a history scan reads its blobs: the input is the index's
/// length (4 bytes, big-endian), the index, then the pack. Every object the index lists is
/// read, its delta chain resolved, and its size read from its header.
enum GitPackTarget {
  static let target = FuzzTarget(
    "git-pack", seeds: { $0 == "git-pack" },
    run: { bytes in
      guard bytes.count >= 4 else { return }
      let length = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
      guard length <= bytes.count - 4 else { return }
      let index = Array(bytes[4..<4 + length])
      let data = Array(bytes[(4 + length)...])
      index.withUnsafeBytes { index in
        data.withUnsafeBytes { data in
          guard let pack = PackFiles.pack(index: index, data: data) else { return }
          var reader = PackReader(PackFiles(packs: [pack], owners: []))
          for position in 0..<min(pack.index.count, 1024) {
            let id = pack.index.id(at: position)
            _ = reader.object(id)
            _ = reader.size(id)
          }
        }
      }
    })
}
