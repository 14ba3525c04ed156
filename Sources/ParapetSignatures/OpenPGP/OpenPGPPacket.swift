/// One OpenPGP packet: its tag and body (RFC 9580 §4), old and new header formats.
struct OpenPGPPacket: Sendable {
  /// Signature 2, public key 6, user ID 13, public subkey 14.
  let tag: Int
  let body: [UInt8]

  enum Problem: Error, Equatable {
    case malformed(String)
  }

  /// Splits bytes into packets.
  /// - Parameter bytes: binary OpenPGP data.
  /// - Returns: the packets in order.
  /// - Throws: `Problem` for a truncated packet or a header that is not one.
  static func packets(_ bytes: [UInt8]) throws(Problem) -> [OpenPGPPacket] {
    var packets: [OpenPGPPacket] = []
    var offset = 0
    while offset < bytes.count {
      let header = bytes[offset]
      guard header & 0x80 != 0 else { throw .malformed("byte \(offset) is not a packet header") }
      offset += 1
      var tag: Int
      var body: [UInt8] = []
      if header & 0x40 != 0 {
        tag = Int(header & 0x3F)
        // New format: one-, two- or five-octet lengths, or partial lengths in a chain.
        while true {
          guard offset < bytes.count else { throw .malformed("truncated length") }
          let first = Int(bytes[offset])
          var length: Int
          var partial = false
          switch first {
          case 0..<192:
            length = first
            offset += 1
          case 192..<224:
            guard offset + 1 < bytes.count else { throw .malformed("truncated length") }
            length = ((first - 192) << 8) + Int(bytes[offset + 1]) + 192
            offset += 2
          case 255:
            guard offset + 4 < bytes.count else { throw .malformed("truncated length") }
            length = bytes[(offset + 1)...(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            offset += 5
          default:
            length = 1 << (first & 0x1F)
            partial = true
            offset += 1
          }
          guard length >= 0, offset + length <= bytes.count else {
            throw .malformed("packet longer than the data")
          }
          body += bytes[offset..<offset + length]
          offset += length
          if !partial { break }
        }
      } else {
        tag = Int((header >> 2) & 0x0F)
        let lengthType = header & 0x03
        var length: Int
        switch lengthType {
        case 0, 1, 2:
          let size = 1 << Int(lengthType)
          guard offset + size <= bytes.count else { throw .malformed("truncated length") }
          length = bytes[offset..<offset + size].reduce(0) { $0 << 8 | Int($1) }
          offset += size
        default:
          length = bytes.count - offset  // indeterminate: to the end
        }
        guard offset + length <= bytes.count else {
          throw .malformed("packet longer than the data")
        }
        body = Array(bytes[offset..<offset + length])
        offset += length
      }
      packets.append(OpenPGPPacket(tag: tag, body: body))
    }
    return packets
  }
}

/// Reads packet fields: big-endian integers and multiprecision integers.
struct OpenPGPReader {
  private let bytes: [UInt8]
  private(set) var offset = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  var remaining: [UInt8] { Array(bytes[min(offset, bytes.count)...]) }

  mutating func byte() -> UInt8? {
    guard offset < bytes.count else { return nil }
    defer { offset += 1 }
    return bytes[offset]
  }

  mutating func raw(_ count: Int) -> [UInt8]? {
    guard count >= 0, offset + count <= bytes.count else { return nil }
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }

  mutating func uint16() -> Int? { raw(2).map { $0.reduce(0) { $0 << 8 | Int($1) } } }

  mutating func uint32() -> UInt32? { raw(4).map { $0.reduce(0) { $0 << 8 | UInt32($1) } } }

  /// An MPI: a bit count and the big-endian bytes. Sizes above 16,384 bits are refused.
  mutating func mpi() -> [UInt8]? {
    guard let bits = uint16(), bits <= 16_384 else { return nil }
    return raw((bits + 7) / 8)
  }
}
