import Foundation
import ParapetCore

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
      let inflated = bytes[section].withUnsafeBytes({
        Inflater.inflate($0, format: .zlib, capacity: largestList + 1)
      }),
      inflated.ended, inflated.bytes.count <= largestList,
      let list = try? JSONDecoder().decode(List.self, from: Data(inflated.bytes))
    else { return nil }
    return list.packages.filter { $0.kind != "build" && $0.source != "local" }
  }
}
