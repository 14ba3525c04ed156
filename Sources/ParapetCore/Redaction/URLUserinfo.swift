/// The secret part of a URL's userinfo (`scheme://user:password@host`): the password, or a lone
/// user name long enough to be a token (`https://ghp_…@github.com`). A short lone user name
/// (`ssh://git@host`) names an account, not a secret, and is left as it is.
enum URLUserinfo {
  /// A lone user name at least this long is taken for a token.
  static let tokenLength = 12

  /// The ranges of the secret parts of every URL userinfo in a text.
  /// - Parameter bytes: the text's UTF-8 bytes.
  /// - Returns: the ranges to mask.
  static func secretRanges(in bytes: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var index = 0
    while let separator = find(bytes, from: index) {
      let start = separator + 3
      var end = start
      var at: Int?
      while end < bytes.count, !isAuthorityEnd(bytes[end]) {
        if bytes[end] == UInt8(ascii: "@") { at = end }
        end += 1
      }
      if let at, at > start {
        let colon = bytes[start..<at].firstIndex(of: UInt8(ascii: ":"))
        if let colon, colon + 1 < at {
          ranges.append((colon + 1)..<at)
        } else if colon == nil, at - start >= tokenLength {
          ranges.append(start..<at)
        }
      }
      index = max(end, start)
    }
    return ranges
  }

  /// The offset of the next `://`.
  private static func find(_ bytes: [UInt8], from start: Int) -> Int? {
    guard bytes.count >= 3 else { return nil }
    var index = start
    while index + 2 < bytes.count {
      if bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"),
        bytes[index + 2] == UInt8(ascii: "/")
      {
        return index
      }
      index += 1
    }
    return nil
  }

  /// Whether a byte ends a URL's authority: a path, query or fragment starts, or the URL ends.
  private static func isAuthorityEnd(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: " "),
      UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\""),
      UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"),
      UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: ","):
      true
    default: false
    }
  }
}
