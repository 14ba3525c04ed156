/// A path inside a file source: root-relative, `/`-separated, with no `.` or `..` part, kept as
/// the bytes the file system gave. A file name need not be UTF-8; `description` shows it in a
/// lossless escaped form (each byte that is not part of valid UTF-8 as `\xHH`, and a literal
/// backslash doubled when the name needs escaping), so reports name a real file.
public struct SourcePath: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The raw bytes, without a leading or trailing `/`; empty for the root itself.
  public let bytes: [UInt8]

  /// The root.
  public static let root = SourcePath(uncheckedBytes: [])

  /// A path from raw bytes already known to hold no `.`, `..` or empty part.
  init(uncheckedBytes: [UInt8]) {
    bytes = uncheckedBytes
  }

  /// A root-relative path, normalized lexically: `.` parts and empty parts are dropped and `..`
  /// takes back the part before it.
  /// - Parameter text: such as `services/api/requirements.txt`.
  /// Nil when it is absolute or climbs above the root.
  public init?(_ text: String) {
    guard let normalized = SourcePath.root.resolving(Array(text.utf8)) else { return nil }
    self = normalized
  }

  /// A root-relative path from raw bytes, as git's index and tree entries give them.
  /// - Parameter bytes: `/`-separated parts.
  /// Nil when a part is empty, `.` or `..`, or the path is absolute.
  public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
    var path = SourcePath.root
    for part in bytes.split(separator: Self.slash, omittingEmptySubsequences: false) {
      guard let next = path.appending(bytes: part) else { return nil }
      path = next
    }
    self = path
  }

  /// Whether this is the root.
  public var isRoot: Bool { bytes.isEmpty }

  /// The bytes hashed in one call: the synthesized hash feeds the hasher one byte at a time,
  /// which dominated lookups in the large path dictionaries of images and histories.
  public func hash(into hasher: inout Hasher) {
    bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
  }

  /// The last part's bytes.
  public var nameBytes: ArraySlice<UInt8> {
    guard let slash = bytes.lastIndex(of: Self.slash) else { return bytes[...] }
    return bytes[(slash + 1)...]
  }

  /// The last part, shown as `description` shows it.
  public var name: String { Self.display(nameBytes) }

  /// The folder holding this path; the root for a top-level name.
  public var folder: SourcePath {
    guard let slash = bytes.lastIndex(of: Self.slash) else { return .root }
    return SourcePath(uncheckedBytes: Array(bytes[..<slash]))
  }

  /// The parts, as raw bytes.
  public var parts: [ArraySlice<UInt8>] {
    bytes.split(separator: Self.slash)
  }

  /// This path with one more part.
  /// - Parameter name: a single file or folder name (no `/`, not `.` or `..`).
  /// - Returns: the child path, or nil when `name` is not a single plain part.
  public func appending(_ name: String) -> SourcePath? {
    appending(bytes: Array(name.utf8))
  }

  /// This path with one more part, from raw bytes.
  /// - Parameter name: a single name's bytes.
  /// - Returns: the child path, or nil when `name` is not a single plain part.
  public func appending<Name: Collection>(bytes name: Name) -> SourcePath?
  where Name.Element == UInt8 {
    guard !name.isEmpty, !name.contains(Self.slash), !name.contains(0),
      !name.elementsEqual([46]), !name.elementsEqual([46, 46])
    else { return nil }
    return SourcePath(uncheckedBytes: isRoot ? Array(name) : bytes + [Self.slash] + name)
  }

  /// A relative reference resolved against this folder, as an include names a file: `..` may
  /// climb to the root but not above it.
  /// - Parameter relative: the reference's bytes, such as `../common/requirements.txt`.
  /// - Returns: the path, or nil when the reference is absolute or leaves the root.
  public func resolving(_ relative: [UInt8]) -> SourcePath? {
    guard relative.first != Self.slash, !relative.contains(0) else { return nil }
    var parts = self.parts.map(Array.init)
    for part in relative.split(separator: Self.slash) {
      if part.elementsEqual([46]) { continue }
      if part.elementsEqual([46, 46]) {
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
        continue
      }
      parts.append(Array(part))
    }
    return SourcePath(uncheckedBytes: Array(parts.joined(separator: [Self.slash])))
  }

  /// A relative reference resolved against this folder.
  /// - Parameter relative: such as `../common/requirements.txt`.
  /// - Returns: the path, or nil when the reference is absolute or leaves the root.
  public func resolving(_ relative: String) -> SourcePath? {
    resolving(Array(relative.utf8))
  }

  /// Whether this path is `folder` or lies below it.
  public func isInside(_ folder: SourcePath) -> Bool {
    folder.isRoot || bytes == folder.bytes
      || (bytes.count > folder.bytes.count && bytes.starts(with: folder.bytes)
        && bytes[folder.bytes.count] == Self.slash)
  }

  /// The path shown to people and written to reports: UTF-8 as it is, other bytes escaped.
  public var description: String { Self.display(bytes[...]) }

  public static func < (lhs: SourcePath, rhs: SourcePath) -> Bool {
    lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
  }

  private static let slash = UInt8(ascii: "/")

  /// Bytes as text: valid UTF-8 unchanged; otherwise each invalid byte as `\xHH` and each
  /// backslash as `\\`, so that the escaped form maps back to one name only.
  public static func display(_ bytes: ArraySlice<UInt8>) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    var out = ""
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let length = validSequenceLength(bytes, at: index)
      if length == 0 {
        out += "\\x" + String(bytes[index], radix: 16, uppercase: true).leftPadded(to: 2)
        index += 1
        continue
      }
      let scalar = String(decoding: bytes[index..<(index + length)], as: UTF8.self)
      out += scalar == "\\" ? "\\\\" : scalar
      index += length
    }
    return out
  }

  /// The length of the valid UTF-8 sequence at `index`, or 0 when the byte starts none.
  private static func validSequenceLength(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int {
    let lead = bytes[index]
    let length: Int
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return 0
    }
    guard index + length <= bytes.endIndex else { return 0 }
    return String(validating: bytes[index..<(index + length)], as: UTF8.self) == nil ? 0 : length
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
