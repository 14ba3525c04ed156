/// Finds base64, hex and percent-encoded values in a buffer and decodes those that decode to
/// text, so that a secret hidden in a Kubernetes `Secret` or a URL is still found.
///
/// One hand-written pass over the bytes finds candidate runs; a regex here would try a match at
/// nearly every offset of every buffer.
enum EncodedSegments {
  struct Segment {
    let range: Range<Int>
    let encoding: String
    let decoded: [UInt8]
  }

  /// Runs shorter than this are not decoded: too short to hide a token worth reporting.
  static let minimumLength = 24

  /// The decodable segments of a buffer.
  /// - Parameter bytes: the buffer.
  /// - Returns: segments whose decoded form is mostly printable text.
  static func find(in bytes: UnsafeBufferPointer<UInt8>) -> [Segment] {
    var segments: [Segment] = []
    var runStart = -1
    var hasPercent = false
    for index in 0...bytes.count {
      let byte: UInt8 = index < bytes.count ? bytes[index] : 0
      if classes[Int(byte)] != 0 {
        if runStart < 0 { runStart = index }
        if byte == 37 { hasPercent = true }
        continue
      }
      if runStart >= 0 && index - runStart >= minimumLength {
        let run = runStart..<index
        if let segment = decode(Array(bytes[run]), range: run, hasPercent: hasPercent) {
          segments.append(segment)
        }
      }
      runStart = -1
      hasPercent = false
    }
    return segments
  }

  private static func decode(_ run: [UInt8], range: Range<Int>, hasPercent: Bool) -> Segment? {
    if hasPercent {
      guard let decoded = percentDecode(run), decoded != run, isText(decoded) else { return nil }
      return Segment(range: range, encoding: "percent", decoded: decoded)
    }
    if run.count % 2 == 0, run.allSatisfy({ hexValue($0) != nil }),
      let decoded = hexDecode(run), isText(decoded)
    {
      return Segment(range: range, encoding: "hex", decoded: decoded)
    }
    if let decoded = base64Decode(run), decoded.count >= 12, isText(decoded) {
      return Segment(range: range, encoding: "base64", decoded: decoded)
    }
    return nil
  }

  /// 1 for base64 and base64url characters and `=`, 2 for `%`: the bytes a run may hold.
  private static let classes: [UInt8] = (0..<256).map { value in
    let byte = UInt8(value)
    switch byte {
    case 48...57, 65...90, 97...122, 43, 47, 45, 95, 61: return 1
    case 37: return 2
    default: return 0
    }
  }

  private static func isText(_ bytes: [UInt8]) -> Bool {
    let printable = bytes.filter { ($0 >= 32 && $0 < 127) || $0 == 9 || $0 == 10 || $0 == 13 }
    return printable.count * 100 >= bytes.count * 95
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 48...57: byte - 48
    case 65...70: byte - 55
    case 97...102: byte - 87
    default: nil
    }
  }

  private static func hexDecode(_ run: [UInt8]) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(run.count / 2)
    var index = 0
    while index + 1 < run.count {
      guard let high = hexValue(run[index]), let low = hexValue(run[index + 1]) else { return nil }
      out.append(high << 4 | low)
      index += 2
    }
    return out
  }

  /// `%XX` escapes decoded; other bytes as they are.
  static func percentDecode(_ run: [UInt8]) -> [UInt8]? {
    var out: [UInt8] = []
    var index = 0
    while index < run.count {
      if run[index] == 37, index + 2 < run.count, let high = hexValue(run[index + 1]),
        let low = hexValue(run[index + 2])
      {
        out.append(high << 4 | low)
        index += 3
      } else {
        out.append(run[index])
        index += 1
      }
    }
    return out
  }

  private static func base64Decode(_ run: [UInt8]) -> [UInt8]? {
    var bits: UInt32 = 0
    var count = 0
    var out: [UInt8] = []
    out.reserveCapacity(run.count * 3 / 4)
    for byte in run {
      let value: UInt32
      switch byte {
      case 65...90: value = UInt32(byte - 65)
      case 97...122: value = UInt32(byte - 71)
      case 48...57: value = UInt32(byte + 4)
      case 43, 45: value = 62
      case 47, 95: value = 63
      case 61: continue
      default: return nil
      }
      bits = bits << 6 | value
      count += 6
      if count >= 8 {
        count -= 8
        out.append(UInt8((bits >> UInt32(count)) & 0xff))
      }
    }
    return out
  }
}
