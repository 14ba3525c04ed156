import CGzip
import Foundation

/// The crates a Rust executable was built from, as `cargo auditable` embeds them: an ELF section
/// named `.dep-v0` holding zlib-compressed JSON, `{"packages": [{"name", "version", "source",
/// "kind", "dependencies", "root"}]}`. Build-time crates (`"kind": "build"`) are not in the
/// executable, and workspace crates (`"source": "local"`) were never published: both are left
/// out.
enum CargoAuditable {
  /// One crate: `serde` at `1.0.193`.
  struct Crate: Sendable, Equatable, Decodable {
    var name: String
    var version: String
    var source: String?
    var kind: String?
  }

  private struct List: Decodable {
    var packages: [Crate]
  }

  private static let sectionName = Array(".dep-v0".utf8)
  /// The most a section inflates to: a list of thousands of crates is tens of kilobytes.
  private static let largestList = 8 << 20

  /// The crates of an executable's bytes; nil when it is no ELF file or has no such section.
  static func crates(in bytes: [UInt8]) -> [Crate]? {
    guard let section = ELFSections.section(named: sectionName, in: bytes),
      let json = inflate(bytes[section]),
      let list = try? JSONDecoder().decode(List.self, from: Data(json))
    else { return nil }
    return list.packages.filter { $0.kind != "build" && $0.source != "local" }
  }

  private static func inflate(_ compressed: ArraySlice<UInt8>) -> [UInt8]? {
    var stream = z_stream()
    guard parapet_inflate_init_zlib(&stream) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    var input = Array(compressed)
    return input.withUnsafeMutableBufferPointer { source -> [UInt8]? in
      stream.next_in = source.baseAddress
      stream.avail_in = UInt32(source.count)
      while true {
        let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          let status = CGzip.inflate(&stream, Z_NO_FLUSH)
          return (status, buffer.count - Int(stream.avail_out))
        }
        output += chunk[..<produced]
        guard output.count <= largestList else { return nil }
        switch status {
        case Z_STREAM_END: return output
        case Z_OK where produced > 0 || stream.avail_in > 0: continue
        default: return nil
        }
      }
    }
  }
}
