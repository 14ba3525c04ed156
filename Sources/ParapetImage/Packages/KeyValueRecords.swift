import Foundation

/// Records of `Key: value` lines separated by blank lines, as dpkg's status file (RFC 822
/// style stanzas) and apk's installed database (`P:name`) both keep them.
enum KeyValueRecords {
  /// The records of a text, with the line each starts on. A key seen twice in a record keeps
  /// its last value; continuation lines (starting with a space) belong to the field above and
  /// are not kept.
  static func parse(_ text: String) -> [(line: Int, fields: [String: String])] {
    var stanzas: [(line: Int, fields: [String: String])] = []
    var current: [String: String] = [:]
    var start = 1
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if line.allSatisfy(\.isWhitespace) {
        if !current.isEmpty { stanzas.append((start, current)) }
        current = [:]
        start = offset + 2
        continue
      }
      guard let first = line.first, first != " ", first != "\t",
        let colon = line.firstIndex(of: ":")
      else { continue }
      current[String(line[..<colon])] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    if !current.isEmpty { stanzas.append((start, current)) }
    return stanzas
  }
}
