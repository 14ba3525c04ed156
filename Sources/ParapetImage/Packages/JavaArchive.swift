import CGzip
import Foundation
import ParapetCore
import ZIPFoundation

/// The Maven artifacts a Java archive (`.jar`, `.war`, `.ear`) carries: each
/// `META-INF/maven/GROUP/ARTIFACT/pom.properties` the build put in it, and those of the archives
/// nested in it (a Spring Boot jar's `BOOT-INF/lib/*.jar`, a war's `WEB-INF/lib/*.jar`). An
/// archive without one is named by its manifest only where nothing is guessed: the group
/// (`Implementation-Vendor-Id`, which Maven's archiver writes) and the version
/// (`Implementation-Version`) are there, and the file is named `ARTIFACT-VERSION.jar`.
enum JavaArchive {
  /// One artifact: `org.apache.logging.log4j:log4j-core` at `2.14.1`.
  struct Artifact: Sendable, Equatable {
    var group: String
    var artifact: String
    var version: String
  }

  /// The largest archive opened, and the largest entry read from one.
  static let largestArchive = 256 << 20
  private static let largestEntry = 64 << 20

  /// Whether a file name is a Java archive's.
  static func isArchive(_ name: String) -> Bool {
    name.hasSuffix(".jar") || name.hasSuffix(".war") || name.hasSuffix(".ear")
  }

  /// The artifacts of an archive's bytes; none when they are not a zip archive.
  /// - Parameters:
  ///   - bytes: the archive.
  ///   - depth: how many archives it is nested in (one level of nesting is read).
  ///   - name: the archive's file name.
  static func artifacts(in bytes: [UInt8], named name: String, depth: Int = 0) -> [Artifact] {
    guard bytes.starts(with: [0x50, 0x4b]), let archive = open(bytes) else { return [] }
    let starts = dataStarts(in: bytes)
    func contents(of entry: Entry) -> [UInt8]? { Self.contents(of: entry, in: bytes, at: starts) }
    var own: [Artifact] = []
    var nested: [Artifact] = []
    var manifest: Artifact?
    for entry in archive where entry.type == .file {
      let path = entry.path
      guard entry.uncompressedSize <= largestEntry else { continue }
      if path.hasPrefix("META-INF/maven/") && path.hasSuffix("/pom.properties") {
        if let text = contents(of: entry).map({ String(decoding: $0, as: UTF8.self) }),
          let artifact = properties(text)
        {
          own.append(artifact)
        }
      } else if path == "META-INF/MANIFEST.MF" {
        manifest = contents(of: entry).flatMap {
          self.manifest(String(decoding: $0, as: UTF8.self), archiveName: name)
        }
      } else if depth == 0 && isArchive(path), let bytes = contents(of: entry) {
        let file = String(path.split(separator: "/").last ?? "")
        nested += artifacts(in: bytes, named: file, depth: depth + 1)
      }
    }
    return (own.isEmpty ? manifest.map { [$0] } ?? [] : own) + nested
  }

  /// The archive of some bytes, for its list of entries, read from a scratch file that is
  /// unlinked at once (the open archive keeps it). ZIPFoundation's in-memory archive traps on an
  /// offset past the data's end, which a crafted central directory gives (it computes a negative
  /// count); its file-backed one reads short there and throws.
  private static func open(_ bytes: [UInt8]) -> Archive? {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parapet-archive-\(UUID().uuidString).zip")
    guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes)) else {
      return nil
    }
    defer { try? FileManager.default.removeItem(at: file) }
    return try? Archive(url: file, accessMode: .read)
  }

  /// Where each entry's data starts, by path, from the local file headers: the signature, the
  /// name's and the extra field's lengths (at 26 and 28), the name (at 30), the extra field, then
  /// the data. The first header of a name counts.
  private static func dataStarts(in bytes: [UInt8]) -> [String: Int] {
    var starts: [String: Int] = [:]
    var index = 0
    while index + 30 <= bytes.count {
      defer { index += 1 }
      guard bytes[index] == 0x50, bytes[index + 1] == 0x4b, bytes[index + 2] == 3,
        bytes[index + 3] == 4
      else { continue }
      let nameLength = Int(bytes[index + 26]) | Int(bytes[index + 27]) << 8
      let extraLength = Int(bytes[index + 28]) | Int(bytes[index + 29]) << 8
      let start = index + 30 + nameLength + extraLength
      guard start <= bytes.count else { continue }
      let name = String(decoding: bytes[index + 30..<index + 30 + nameLength], as: UTF8.self)
      if starts[name] == nil { starts[name] = start }
    }
    return starts
  }

  /// An entry's bytes, inflated here from the archive's own bytes, bounded by them and by its
  /// stated size, and checked against its CRC-32; nil when any of that fails. ZIPFoundation's
  /// extraction reads until the deflate stream ends, so a stream cut short loops on the end of
  /// the file for ever.
  private static func contents(of entry: Entry, in bytes: [UInt8], at starts: [String: Int])
    -> [UInt8]?
  {
    guard let start = starts[entry.path], entry.compressedSize <= UInt64(bytes.count - start)
    else { return nil }
    let stored = bytes[start..<start + Int(entry.compressedSize)]
    let size = Int(entry.uncompressedSize)
    guard
      let data = entry.isCompressed
        ? stored.withUnsafeBytes({ Inflater.inflate($0, format: .raw, size: size)?.bytes })
        : Array(stored),
      data.count == size,
      data.withUnsafeBufferPointer({ UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) })
        == entry.checksum
    else { return nil }
    return data
  }

  /// The artifact a manifest names, read from its main section (up to the first blank line;
  /// a line that starts with a space continues the one before).
  private static func manifest(_ text: String, archiveName: String) -> Artifact? {
    var values: [String: String] = [:]
    var last: String?
    for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false)
    {
      if line.isEmpty { break }
      if line.hasPrefix(" "), let key = last {
        values[key, default: ""] += line.dropFirst()
        continue
      }
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = String(line[..<colon])
      values[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      last = key
    }
    guard let group = values["Implementation-Vendor-Id"], !group.isEmpty,
      let version = values["Implementation-Version"], !version.isEmpty
    else { return nil }
    let suffix = "-\(version)"
    let stem = archiveName.split(separator: ".").dropLast().joined(separator: ".")
    guard stem.hasSuffix(suffix), stem.count > suffix.count else { return nil }
    return Artifact(group: group, artifact: String(stem.dropLast(suffix.count)), version: version)
  }

  /// `groupId`, `artifactId` and `version` of a pom.properties (Java properties, `#` comments).
  private static func properties(_ text: String) -> Artifact? {
    var values: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
      values[trimmed[..<equals].trimmingCharacters(in: .whitespaces)] =
        trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    }
    guard let group = values["groupId"], let artifact = values["artifactId"],
      let version = values["version"], !group.isEmpty, !artifact.isEmpty, !version.isEmpty
    else { return nil }
    return Artifact(group: group, artifact: artifact, version: version)
  }
}
