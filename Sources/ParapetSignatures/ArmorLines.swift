import Foundation

/// The lines of armored text, read as bytes: a commit's signature is parsed for every commit,
/// and building Swift strings for it cost more than verifying it.
enum ArmorLines {
  /// The lines, each without its line break and surrounding spaces.
  static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    while start <= bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != 0x0A { end += 1 }
      var line = bytes[start..<end]
      while let first = line.first, first == 0x20 || first == 0x09 { line = line.dropFirst() }
      while let last = line.last, last == 0x20 || last == 0x09 || last == 0x0D {
        line = line.dropLast()
      }
      lines.append(line)
      start = end + 1
    }
    return lines
  }

  /// Base64 of the lines joined, or nil when it is not base64.
  static func decode(_ lines: some Sequence<ArraySlice<UInt8>>) -> [UInt8]? {
    var joined: [UInt8] = []
    for line in lines { joined += line }
    return Data(base64Encoded: Data(joined)).map(Array.init)
  }

  static func starts(_ line: ArraySlice<UInt8>, with marker: String) -> Bool {
    line.starts(with: marker.utf8)
  }
}
