#if canImport(Glibc)
  import Glibc
#endif

/// The module list a Go binary embeds (Go 1.18 and later, `go version -m`): the toolchain
/// version and each module with its version, found by the build-info header's magic in the
/// executable's bytes. Older binaries keep the strings behind pointers and are not read.
struct GoBuildInfo: Sendable, Equatable {
  /// One module: `golang.org/x/net` at `v0.17.0`.
  struct Module: Sendable, Equatable {
    var path: String
    var version: String
  }

  /// `go1.21.5`.
  var goVersion: String
  /// The main module, when it was built at a version (not `(devel)`).
  var main: Module?
  /// The dependencies, with replacements applied.
  var dependencies: [Module]

  /// The largest executable searched: a bigger file is not a Go binary of any size seen.
  static let largestBinary = 512 << 20

  private static let magic: [UInt8] = [0xff] + Array(" Go buildinf:".utf8)
  /// Go 1.18's flag: the version and module strings follow the header inline.
  private static let inlineStrings: UInt8 = 0x2
  private static let headerSize = 32
  /// The module information is framed by 16 bytes on each side.
  private static let sentinelSize = 16

  /// Reads the build information of an ELF executable's bytes.
  /// - Parameter bytes: the whole file.
  /// Nil when the bytes are no ELF file or hold no Go 1.18+ build information.
  init?(_ bytes: [UInt8]) {
    guard bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]),
      let start = Self.find(Self.magic, in: bytes),
      start + Self.headerSize <= bytes.count,
      bytes[start + Self.magic.count + 1] & Self.inlineStrings != 0
    else { return nil }
    var index = start + Self.headerSize
    guard let version = Self.field(bytes, at: &index).map({ String(decoding: $0, as: UTF8.self) }),
      version.hasPrefix("go"), var info = Self.field(bytes, at: &index)
    else { return nil }
    goVersion = version
    // The sentinels are not text: they are dropped as bytes, before the lines are decoded.
    if info.count >= 2 * Self.sentinelSize {
      info = info.dropFirst(Self.sentinelSize).dropLast(Self.sentinelSize)
    }
    var main: Module?
    var dependencies: [Module] = []
    for line in String(decoding: info, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count >= 3 else { continue }
      switch fields[0] {
      case "mod" where fields[2] != "(devel)":
        main = Module(path: fields[1], version: fields[2])
      case "dep":
        dependencies.append(Module(path: fields[1], version: fields[2]))
      case "=>" where !dependencies.isEmpty:
        // A replacement names the module actually built in: a local path has no version.
        if fields[2].isEmpty {
          dependencies.removeLast()
        } else {
          dependencies[dependencies.count - 1] = Module(path: fields[1], version: fields[2])
        }
      default:
        continue
      }
    }
    self.main = main
    self.dependencies = dependencies
  }

  /// A field after the header: its length as an unsigned varint, then its bytes.
  private static func field(_ bytes: [UInt8], at index: inout Int) -> ArraySlice<UInt8>? {
    var length = 0
    var shift = 0
    while index < bytes.count, shift < 35 {
      let byte = bytes[index]
      index += 1
      length |= Int(byte & 0x7f) << shift
      shift += 7
      if byte & 0x80 == 0 {
        guard length <= bytes.count - index else { return nil }
        defer { index += length }
        return bytes[index..<(index + length)]
      }
    }
    return nil
  }

  /// The first position of a pattern in bytes: `memchr` to each candidate first byte and
  /// `memcmp` there, on raw memory (executables are full of the magic's first byte, 0xff, and
  /// slicing arrays at each cost more than the search).
  private static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBytes { haystack in
      pattern.withUnsafeBytes { needle in
        guard let base = haystack.baseAddress, let wanted = needle.baseAddress,
          let first = pattern.first, haystack.count >= needle.count
        else { return nil }
        var offset = 0
        let last = haystack.count - needle.count
        while offset <= last {
          guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
          let position = base.distance(to: UnsafeRawPointer(hit))
          if memcmp(hit, wanted, needle.count) == 0 { return position }
          offset = position + 1
        }
        return nil
      }
    }
  }
}
