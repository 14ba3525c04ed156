/// The sections of an ELF file (32- or 64-bit, either byte order), found by name through the
/// section header table and its string table, as the ELF specification lays them out. Every
/// offset is checked against the file: a damaged file has no sections.
enum ELFSections {
  /// The bytes of the first section with a name.
  /// - Parameters:
  ///   - name: the section's name, `.dep-v0`.
  ///   - bytes: the whole file.
  /// - Returns: the section's range in the file; nil when there is none or the file is no ELF.
  static func section(named name: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
    guard bytes.count >= 52, bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]) else { return nil }
    let wide = bytes[4] == 2
    let little = bytes[5] == 1
    func number(_ offset: Int, _ size: Int) -> Int? {
      guard offset >= 0, offset + size <= bytes.count else { return nil }
      let slice = bytes[offset..<offset + size]
      let value = (little ? slice.reversed() : Array(slice)).reduce(UInt64(0)) {
        $0 << 8 | UInt64($1)
      }
      return value > UInt64(Int.max) ? nil : Int(value)
    }
    let word = wide ? 8 : 4
    guard let table = number(wide ? 0x28 : 0x20, word),
      let entrySize = number(wide ? 0x3A : 0x2E, 2),
      let count = number(wide ? 0x3C : 0x30, 2),
      let namesIndex = number(wide ? 0x3E : 0x32, 2),
      entrySize >= (wide ? 64 : 40), namesIndex < count,
      table <= bytes.count, count <= (bytes.count - table) / entrySize
    else { return nil }
    /// A section header's name offset, file offset and size.
    func header(_ index: Int) -> (name: Int, offset: Int, size: Int)? {
      let start = table + index * entrySize
      guard let nameOffset = number(start, 4),
        let offset = number(start + (wide ? 0x18 : 0x10), word),
        let size = number(start + (wide ? 0x20 : 0x14), word),
        offset <= bytes.count, size <= bytes.count - offset
      else { return nil }
      return (nameOffset, offset, size)
    }
    guard let names = header(namesIndex) else { return nil }
    for index in 0..<count {
      guard let section = header(index), section.name < names.size else { continue }
      let start = names.offset + section.name
      let end = names.offset + names.size
      guard let nul = bytes[start..<end].firstIndex(of: 0), bytes[start..<nul].elementsEqual(name)
      else { continue }
      return section.offset..<section.offset + section.size
    }
    return nil
  }
}
