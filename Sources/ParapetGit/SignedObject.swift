import Foundation

/// A commit or tag as its signature covers it: the object's bytes without the signature, the
/// signature itself, and the facts a trust policy weighs.
public struct SignedObject: Sendable {
  public let id: ObjectID
  public let parents: [ObjectID]
  public let committerName: String
  public let committerEmail: String
  /// The committer's (a tag's tagger's) time, seconds since 1970: what git verifies SSH
  /// signatures at.
  public let time: Int64
  /// Every signature header's value (`gpgsig`, `gpgsig-sha256`), or a tag's trailing signature;
  /// git honors only one, so more than one is suspicious.
  public let signatures: [[UInt8]]
  /// The bytes the signature signs: the object with its signature headers removed.
  public let payload: [UInt8]
  /// The tag objects of `mergetag` headers, as they were when merged.
  public let mergeTags: [[UInt8]]

  /// The message's first line.
  public var subject: String {
    var index = 0
    while index + 1 < payload.count && !(payload[index] == 0x0A && payload[index + 1] == 0x0A) {
      index += 1
    }
    let start = min(index + 2, payload.count)
    let line = payload[start...].prefix { $0 != 0x0A }
    return String(decoding: line, as: UTF8.self)
  }
}

extension SignedObject {
  /// Parses a raw commit object the way git reads it: header lines until the first empty line,
  /// a header's continuation lines starting with one space.
  /// - Parameters:
  ///   - id: the commit's id.
  ///   - bytes: the raw object.
  ///   - parse: turns hex into an id.
  /// - Returns: the commit's signed parts.
  static func commit(id: ObjectID, bytes: [UInt8], parse: (String) -> ObjectID?) -> SignedObject {
    var parents: [ObjectID] = []
    var committer = ""
    var signatures: [[UInt8]] = []
    var mergeTags: [[UInt8]] = []
    var payload: [UInt8] = []
    payload.reserveCapacity(bytes.count)
    var index = 0
    var inHeader = true
    while index < bytes.count {
      var end = index
      while end < bytes.count && bytes[end] != 0x0A { end += 1 }
      let line = bytes[index..<min(end + 1, bytes.count)]
      guard inHeader else {
        payload += bytes[index...]
        break
      }
      if line.first == 0x0A {
        inHeader = false
        payload += line
        index = end + 1
        continue
      }
      // A header and its continuation lines.
      var next = end + 1
      while next < bytes.count && bytes[next] == 0x20 {
        while next < bytes.count && bytes[next] != 0x0A { next += 1 }
        next += 1
      }
      let header = bytes[index..<min(next, bytes.count)]
      let name = String(decoding: header.prefix { $0 != 0x20 && $0 != 0x0A }, as: UTF8.self)
      let value = Self.value(of: header, nameLength: name.utf8.count)
      switch name {
      case "gpgsig", "gpgsig-sha256": signatures.append(value)
      case "mergetag":
        mergeTags.append(value)
        payload += header
      case "parent":
        if let id = parse(String(decoding: value, as: UTF8.self)) { parents.append(id) }
        payload += header
      case "committer":
        committer = String(decoding: value, as: UTF8.self)
        payload += header
      default: payload += header
      }
      index = next
    }
    let person = Self.person(committer)
    return SignedObject(
      id: id, parents: parents, committerName: person.name, committerEmail: person.email,
      time: person.time, signatures: signatures, payload: payload, mergeTags: mergeTags)
  }

  /// Splits an annotated tag object into its signed part and the signature git appends to the
  /// message (`-----BEGIN PGP SIGNATURE-----` or `-----BEGIN SSH SIGNATURE-----`).
  /// - Parameters:
  ///   - id: the tag's id.
  ///   - bytes: the raw tag object.
  /// - Returns: the tag's signed parts; no signature when it is unsigned.
  public static func tag(id: ObjectID, bytes: [UInt8]) -> SignedObject {
    var tagger = ""
    var index = 0
    while index < bytes.count && bytes[index] != 0x0A {
      var end = index
      while end < bytes.count && bytes[end] != 0x0A { end += 1 }
      let line = String(decoding: bytes[index..<end], as: UTF8.self)
      if line.hasPrefix("tagger ") { tagger = String(line.dropFirst(7)) }
      index = end + 1
    }
    var payload = bytes
    var signatures: [[UInt8]] = []
    for marker in ["-----BEGIN PGP SIGNATURE-----", "-----BEGIN SSH SIGNATURE-----"] {
      if let start = Self.lastLine(startingWith: Array(marker.utf8), in: bytes) {
        payload = Array(bytes[..<start])
        signatures = [Array(bytes[start...])]
        break
      }
    }
    let person = Self.person(tagger)
    return SignedObject(
      id: id, parents: [], committerName: person.name, committerEmail: person.email,
      time: person.time, signatures: signatures, payload: payload, mergeTags: [])
  }

  /// A header's value without its name, the space after it, the continuation lines' leading
  /// spaces and the final newline.
  private static func value(of header: ArraySlice<UInt8>, nameLength: Int) -> [UInt8] {
    var value: [UInt8] = []
    var atLineStart = false
    for byte in header.dropFirst(nameLength + 1) {
      if atLineStart && byte == 0x20 {
        atLineStart = false
        continue
      }
      atLineStart = byte == 0x0A
      value.append(byte)
    }
    if value.last == 0x0A { value.removeLast() }
    return value
  }

  private static func lastLine(startingWith marker: [UInt8], in bytes: [UInt8]) -> Int? {
    var found: Int?
    var start = 0
    while start < bytes.count {
      if bytes[start...].starts(with: marker) { found = start }
      while start < bytes.count && bytes[start] != 0x0A { start += 1 }
      start += 1
    }
    return found
  }

  /// `Name <email> 1577880000 +0000` into its parts.
  private static func person(_ text: String) -> (name: String, email: String, time: Int64) {
    guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close
    else { return (text, "", 0) }
    let name = text[..<open].trimmingCharacters(in: .whitespaces)
    let email = String(text[text.index(after: open)..<close])
    let rest = text[text.index(after: close)...].split(separator: " ")
    return (name, email, rest.first.flatMap { Int64($0) } ?? 0)
  }
}
