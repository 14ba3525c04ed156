import CGzip
import Foundation

/// A Rust executable as `cargo auditable` leaves it, made from this machine's own `/bin/true`
/// (a real ELF executable) with binutils' objcopy adding the `.dep-v0` section: the crate list as
/// zlib-compressed JSON, in the format cargo-auditable documents.
public enum TestRustBinary {
  /// One entry of the list.
  public struct Crate: Sendable {
    public var name: String
    public var version: String
    public var source: String
    public var kind: String?

    public init(
      _ name: String, _ version: String, source: String = "crates.io", kind: String? = nil
    ) {
      self.name = name
      self.version = version
      self.source = source
      self.kind = kind
    }
  }

  /// The executable's bytes; nil where objcopy is not installed.
  public static func bytes(_ crates: [Crate]) throws -> [UInt8]? {
    let objcopy = URL(fileURLWithPath: "/usr/bin/objcopy")
    guard FileManager.default.isExecutableFile(atPath: objcopy.path) else { return nil }
    let entries: [[String: Any]] = crates.enumerated().map { index, crate in
      var entry: [String: Any] = [
        "name": crate.name, "version": crate.version, "source": crate.source,
        "dependencies": index == 0 ? Array(1..<crates.count) : [Int](),
      ]
      if index == 0 { entry["root"] = true }
      if let kind = crate.kind { entry["kind"] = kind }
      return entry
    }
    let json = Array(
      try JSONSerialization.data(withJSONObject: ["packages": entries], options: [.sortedKeys]))
    var size = compressBound(uLong(json.count))
    var compressed = [UInt8](repeating: 0, count: Int(size))
    guard compress(&compressed, &size, json, uLong(json.count)) == Z_OK else {
      throw TemplateError("zlib could not compress the crate list")
    }
    // Removed when `scratch` is released, which the defer holds off until the function returns.
    let scratch = try TemporaryRepository(git: false)
    defer { withExtendedLifetime(scratch) {} }
    let folder = scratch.url
    let section = folder.appendingPathComponent("dep-v0")
    let binary = folder.appendingPathComponent("app")
    try Data(compressed.prefix(Int(size))).write(to: section)
    try FileManager.default.copyItem(atPath: "/bin/true", toPath: binary.path)
    let result = try Command.run(
      objcopy,
      [
        "--add-section", ".dep-v0=\(section.path)", "--set-section-flags",
        ".dep-v0=noload,readonly",
        binary.path,
      ])
    guard result.status == 0 else { throw TemplateError("objcopy: \(result.stderr)") }
    let data = try Data(contentsOf: binary)
    FuzzSeeds.keep(data, named: "executable")
    return Array(data)
  }
}
