/// One installed package's header, as rpm stores it in its database: a count of index entries
/// and the size of the data that follows them (big-endian 32-bit numbers), the entries (tag,
/// type, offset into the data, count; 16 bytes each), then the data. Only the tags an inventory
/// needs are read; every offset is checked against the data, so a damaged header is refused.
struct RpmHeader: Equatable, Sendable {
  var name: String
  var version: String
  var release: String
  var epoch: Int?
  var arch: String?
  var license: String?
  /// The source package's file name (`openssl-3.0.7-27.el9.src.rpm`).
  var sourceRPM: String?

  /// The tags read, as rpm numbers them.
  private enum Tag: UInt32 {
    case name = 1000
    case version = 1001
    case release = 1002
    case epoch = 1003
    case license = 1014
    case arch = 1022
    case sourceRPM = 1044
  }

  /// The data types of those tags.
  private static let int32Type: UInt32 = 4
  private static let stringType: UInt32 = 6
  /// A translated string; its first value is the untranslated one.
  private static let i18nStringType: UInt32 = 9

  /// rpm's own bounds on a header: at most this many entries and bytes of data.
  private static let maximumEntries = 0xFFFF
  private static let maximumData = 256 << 20

  /// Reads a header blob.
  /// - Parameter blob: the bytes of one row of the `Packages` table.
  /// - Returns: nil when the blob is not a well-formed header or lacks a name, version or release
  ///   (rpm's own `gpg-pubkey` entries have all three and are kept).
  init?(_ blob: [UInt8]) {
    guard blob.count >= 8 else { return nil }
    let entries = Int(Self.uint32(blob, at: 0))
    let dataSize = Int(Self.uint32(blob, at: 4))
    guard entries <= Self.maximumEntries, dataSize <= Self.maximumData,
      blob.count >= 8 + entries * 16 + dataSize
    else { return nil }
    let dataStart = 8 + entries * 16
    var strings: [Tag: String] = [:]
    var epoch: Int?
    for index in 0..<entries {
      let entry = 8 + index * 16
      guard let tag = Tag(rawValue: Self.uint32(blob, at: entry)) else { continue }
      let type = Self.uint32(blob, at: entry + 4)
      let offset = Int(Self.uint32(blob, at: entry + 8))
      guard offset < dataSize else { return nil }
      let start = dataStart + offset
      switch type {
      case Self.stringType, Self.i18nStringType:
        let end = dataStart + dataSize
        guard let nul = blob[start..<end].firstIndex(of: 0) else { return nil }
        strings[tag] = String(decoding: blob[start..<nul], as: UTF8.self)
      case Self.int32Type where tag == .epoch:
        guard offset + 4 <= dataSize else { return nil }
        epoch = Int(Self.uint32(blob, at: start))
      default:
        continue
      }
    }
    guard let name = strings[.name], let version = strings[.version],
      let release = strings[.release]
    else { return nil }
    self.name = name
    self.version = version
    self.release = release
    self.epoch = epoch
    arch = strings[.arch]
    license = strings[.license]
    sourceRPM = strings[.sourceRPM]
  }

  /// `[epoch:]version-release`, as rpm and the advisories write a package's version.
  var fullVersion: String {
    (epoch.map { "\($0):" } ?? "") + version + "-" + release
  }

  private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
  }
}
