/// Reads a tar archive (POSIX ustar, with GNU long names and PAX extended headers, as docker,
/// podman, buildah and Go's archive/tar write them) one entry at a time from a stream.
final class TarReader {
  private let stream: any ByteStream
  /// Bytes consumed from the stream so far.
  private var position = 0
  /// Content of the current entry not yet read, and the padding after it.
  private var unread = 0
  private var padding = 0

  private static let block = 512

  init(_ stream: any ByteStream) {
    self.stream = stream
  }

  /// The next entry; its content is read with `content(limit:)` before the next call, or skipped.
  /// - Returns: nil at the end of the archive.
  /// - Throws: `ImageError.malformed` for a damaged header.
  func next() throws(ImageError) -> TarEntry? {
    try skipRest()
    var longPath: [UInt8]?
    var longLink: [UInt8]?
    var pax: [String: [UInt8]] = [:]
    while true {
      let header = try stream.read(count: Self.block)
      position += header.count
      // The end: a zero block, or (leniently, as GNU tar) the stream's end at a block boundary.
      guard !header.isEmpty, header.contains(where: { $0 != 0 }) else { return nil }
      guard header.count == Self.block else {
        throw .malformed(stream.name, reason: "the tar archive ends inside a header")
      }
      guard Self.checksumMatches(header) else {
        throw .malformed(
          stream.name, reason: "tar header at byte \(position - Self.block) is damaged")
      }
      var size = try Self.number(header[124..<136], at: position - Self.block, in: stream.name)
      if let paxSize = pax["size"].flatMap({ Int(String(decoding: $0, as: UTF8.self)) }) {
        size = paxSize
      }
      let type = header[156]
      switch type {
      case UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"):
        let data = try readMeta(size)
        if type == UInt8(ascii: "L") { longPath = Array(data.prefix { $0 != 0 }) }
        if type == UInt8(ascii: "K") { longLink = Array(data.prefix { $0 != 0 }) }
        if type == UInt8(ascii: "x") { pax.merge(Self.paxRecords(data)) { $1 } }
        continue
      case UInt8(ascii: "g"):
        // Global PAX headers (git archive's comment) say nothing about one entry.
        _ = try readMeta(size)
        continue
      default:
        break
      }
      var path = Self.string(header[0..<100])
      let magic = Array(header[257..<262])
      if magic == Array("ustar".utf8) {
        let prefix = Self.string(header[345..<500])
        if !prefix.isEmpty { path = prefix + [UInt8(ascii: "/")] + path }
      }
      let kind: TarEntry.Kind
      switch type {
      case UInt8(ascii: "0"), 0, UInt8(ascii: "7"): kind = .file
      case UInt8(ascii: "1"): kind = .hardLink
      case UInt8(ascii: "2"): kind = .symbolicLink
      case UInt8(ascii: "5"): kind = .folder
      default: kind = .special
      }
      let mode = try Self.number(header[100..<108], at: position - Self.block, in: stream.name)
      let contentSize = kind == .file ? size : 0
      // A hard link or folder may still carry a size; its bytes are skipped.
      unread = size
      padding = (Self.block - size % Self.block) % Self.block
      return TarEntry(
        path: pax["path"] ?? longPath ?? path, kind: kind, mode: UInt32(truncatingIfNeeded: mode),
        size: contentSize,
        linkTarget: pax["linkpath"] ?? longLink ?? Self.string(header[157..<257]),
        contentOffset: position)
    }
  }

  /// The current entry's content.
  /// - Parameter limit: read at most this many bytes; the rest is skipped by `next()`.
  func content(limit: Int = .max) throws(ImageError) -> [UInt8] {
    let bytes = try stream.read(count: min(unread, limit))
    guard bytes.count == min(unread, limit) else {
      throw .malformed(stream.name, reason: "the tar archive ends inside an entry")
    }
    unread -= bytes.count
    position += bytes.count
    return bytes
  }

  private func skipRest() throws(ImageError) {
    let wanted = unread + padding
    guard wanted > 0 else { return }
    let skipped = try stream.skip(wanted)
    position += skipped
    // A last entry's padding may be missing; its content may not.
    guard skipped >= unread else {
      throw .malformed(stream.name, reason: "the tar archive ends inside an entry")
    }
    unread = 0
    padding = 0
  }

  private func readMeta(_ size: Int) throws(ImageError) -> [UInt8] {
    // A long name or PAX record set larger than this is not a real archive's.
    guard size <= 1 << 20 else {
      throw .malformed(stream.name, reason: "tar extended header of \(size) bytes")
    }
    unread = size
    padding = (Self.block - size % Self.block) % Self.block
    let data = try content()
    try skipRest()
    return data
  }

  /// A NUL-terminated field.
  private static func string(_ field: ArraySlice<UInt8>) -> [UInt8] {
    Array(field.prefix { $0 != 0 })
  }

  /// An octal field, or GNU's base-256 form (high bit set) for large sizes.
  private static func number(_ field: ArraySlice<UInt8>, at offset: Int, in name: String)
    throws(ImageError) -> Int
  {
    if let first = field.first, first & 0x80 != 0 {
      var value = Int(first & 0x7f)
      for byte in field.dropFirst() {
        guard value < Int.max >> 8 else {
          throw .malformed(name, reason: "tar header at byte \(offset) has a size out of range")
        }
        value = value << 8 | Int(byte)
      }
      return value
    }
    var value = 0
    for byte in field {
      if byte == 0 || byte == UInt8(ascii: " ") {
        if value > 0 { break } else { continue }
      }
      guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte), value < Int.max >> 3 else {
        throw .malformed(name, reason: "tar header at byte \(offset) has a bad number")
      }
      value = value << 3 | Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  /// The header's checksum: the sum of its bytes with the checksum field read as spaces.
  private static func checksumMatches(_ header: [UInt8]) -> Bool {
    var sum = 0
    for (index, byte) in header.enumerated() {
      sum += (148..<156).contains(index) ? 32 : Int(byte)
    }
    var recorded = 0
    for byte in header[148..<156] where (48...55).contains(byte) {
      recorded = recorded << 3 | Int(byte - 48)
    }
    return sum == recorded
  }

  /// PAX records: `LENGTH KEY=VALUE\n`, one after another.
  private static func paxRecords(_ data: [UInt8]) -> [String: [UInt8]] {
    var records: [String: [UInt8]] = [:]
    var index = 0
    while index < data.count {
      guard let space = data[index...].firstIndex(of: UInt8(ascii: " ")),
        let length = Int(String(decoding: data[index..<space], as: UTF8.self)), length > 0,
        index + length <= data.count
      else { break }
      let record = data[(space + 1)..<(index + length - 1)]
      if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
        records[String(decoding: record[..<equals], as: UTF8.self)] = Array(
          record[(equals + 1)...])
      }
      index += length
    }
    return records
  }
}
