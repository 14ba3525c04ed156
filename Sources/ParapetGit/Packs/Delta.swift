/// git's delta format: the base's size and the result's size (little-endian base-128), then
/// instructions that copy a range of the base or insert literal bytes.
enum Delta {
  /// The two sizes at the start of a delta.
  /// - Returns: the base's size, the result's size, and where the instructions start.
  static func sizes(_ delta: [UInt8]) -> (base: Int, result: Int, instructions: Int)? {
    var position = 0
    guard let base = varint(delta, &position), let result = varint(delta, &position) else {
      return nil
    }
    return (base, result, position)
  }

  /// The delta applied to its base; nil when an instruction reaches outside the base or the
  /// delta, or the result is not the size the delta states.
  static func apply(_ delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
    guard let sizes = sizes(delta), sizes.base == base.count,
      sizes.result <= PackEntry.sizeLimit
    else { return nil }
    var result: [UInt8] = []
    result.reserveCapacity(min(sizes.result, 2 * (base.count + delta.count)))
    var position = sizes.instructions
    while position < delta.count {
      let instruction = delta[position]
      position += 1
      if instruction & 0x80 != 0 {
        // Which of the four offset bytes and three size bytes follow is given by the low bits.
        var offset = 0
        var size = 0
        for bit in 0..<7 where instruction & (1 << bit) != 0 {
          guard position < delta.count else { return nil }
          let byte = Int(delta[position])
          position += 1
          if bit < 4 { offset |= byte << (8 * bit) } else { size |= byte << (8 * (bit - 4)) }
        }
        if size == 0 { size = 0x10000 }
        guard offset + size <= base.count, result.count + size <= sizes.result else { return nil }
        result.append(contentsOf: base[offset..<offset + size])
      } else if instruction != 0 {
        let size = Int(instruction)
        guard position + size <= delta.count, result.count + size <= sizes.result else {
          return nil
        }
        result.append(contentsOf: delta[position..<position + size])
        position += size
      } else {
        return nil  // reserved
      }
    }
    return result.count == sizes.result ? result : nil
  }

  private static func varint(_ bytes: [UInt8], _ position: inout Int) -> Int? {
    var value = 0
    var shift = 0
    while position < bytes.count, shift <= 56 {
      let byte = bytes[position]
      position += 1
      value |= Int(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
    return nil
  }
}
