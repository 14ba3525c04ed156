/// Reads the SSH wire encoding (RFC 4251): big-endian `uint32`/`uint64`, length-prefixed
/// `string`s and `mpint`s. Every read checks its length, so a truncated or absurd blob ends in
/// nil, never a crash.
struct SSHWireReader {
  private let bytes: [UInt8]
  private(set) var offset: Int

  init(_ bytes: [UInt8], offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  var isAtEnd: Bool { offset >= bytes.count }

  /// The bytes read so far, from the start.
  var consumed: [UInt8] { Array(bytes[..<offset]) }

  mutating func raw(_ count: Int) -> [UInt8]? {
    guard count >= 0, offset + count <= bytes.count else { return nil }
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }

  mutating func uint32() -> UInt32? {
    raw(4).map { $0.reduce(0) { $0 << 8 | UInt32($1) } }
  }

  mutating func uint64() -> UInt64? {
    raw(8).map { $0.reduce(0) { $0 << 8 | UInt64($1) } }
  }

  mutating func string() -> [UInt8]? {
    guard let length = uint32(), length <= 1 << 24 else { return nil }
    return raw(Int(length))
  }

  mutating func text() -> String? {
    string().map { String(decoding: $0, as: UTF8.self) }
  }

  /// An `mpint` as unsigned big-endian bytes (the sign byte of a positive number dropped).
  mutating func mpint() -> [UInt8]? {
    string().map { Array($0.drop { $0 == 0 }) }
  }
}

extension Array where Element == UInt8 {
  /// Appends an SSH `string`: a `uint32` length and the bytes.
  mutating func appendSSHString(_ value: [UInt8]) {
    let length = UInt32(value.count)
    append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) })
    append(contentsOf: value)
  }
}
