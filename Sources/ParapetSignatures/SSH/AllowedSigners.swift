import Foundation
import ParapetCore

/// git's `gpg.ssh.allowedSignersFile` (ssh-keygen's ALLOWED SIGNERS format): per line, the
/// principals (comma-separated patterns with `*`, `?` and `!` negation), optional options
/// (`cert-authority`, `namespaces="…"`, `valid-after=`, `valid-before=`), and a public key.
struct AllowedSigners: Sendable {
  struct Entry: Sendable {
    var principals: [String]
    var key: SSHPublicKey
    var certificateAuthority: Bool
    /// Nil for every namespace.
    var namespaces: [String]?
    /// Seconds since 1970, UTC.
    var validAfter: Int64?
    var validBefore: Int64?
    var line: Int
  }

  let entries: [Entry]

  /// Parses a file's text.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - path: the name errors give.
  /// - Throws: `ParapetCoreError.invalidConfiguration` naming the line that does not parse.
  init(text: String, path: String) throws {
    var entries: [Entry] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      guard !line.isEmpty, !line.hasPrefix("#") else { continue }
      func failure(_ message: String) -> ParapetCoreError {
        .invalidConfiguration(SourceLocation(path: path, line: index + 1), message)
      }
      var rest = Substring(line)
      let principals = Self.token(&rest)
      var options = Substring("")
      var key = rest.drop { $0 == " " || $0 == "\t" }
      // Options come before the key type when the next token is not a key type.
      if let first = key.split(whereSeparator: { $0 == " " || $0 == "\t" }).first,
        !Self.isKeyType(first)
      {
        options = Self.token(&rest)
        key = rest.drop { $0 == " " || $0 == "\t" }
      }
      guard !principals.isEmpty else { throw failure("no principals") }
      guard let publicKey = SSHPublicKey(text: key) else {
        throw failure("no valid public key after the principals and options")
      }
      var entry = Entry(
        principals: principals.split(separator: ",").map(String.init), key: publicKey,
        certificateAuthority: false, line: index + 1)
      for option in Self.options(options) {
        let pair = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
          .map(String.init)
        let name = pair[0].lowercased()
        let value =
          pair.count > 1 ? pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : nil
        switch (name, value) {
        case ("cert-authority", nil): entry.certificateAuthority = true
        case ("namespaces", let value?):
          entry.namespaces = value.split(separator: ",").map(String.init)
        case ("valid-after", let value?), ("valid-before", let value?):
          guard let time = Self.time(value) else {
            throw failure("\(name) takes YYYYMMDD[HHMM[SS]][Z], not '\(value)'")
          }
          if name == "valid-after" { entry.validAfter = time } else { entry.validBefore = time }
        default: throw failure("unknown option '\(option)'")
        }
      }
      entries.append(entry)
    }
    self.entries = entries
  }

  private static func isKeyType(_ token: Substring) -> Bool {
    token.hasPrefix("ssh-") || token.hasPrefix("ecdsa-") || token.hasPrefix("sk-")
  }

  /// The next whitespace-delimited token, where double quotes protect spaces and commas.
  private static func token(_ text: inout Substring) -> Substring {
    text = text.drop { $0 == " " || $0 == "\t" }
    var quoted = false
    var end = text.startIndex
    while end < text.endIndex {
      let character = text[end]
      if character == "\"" { quoted.toggle() }
      if !quoted && (character == " " || character == "\t") { break }
      end = text.index(after: end)
    }
    defer { text = text[end...] }
    return text[..<end]
  }

  /// Comma-separated options, commas inside quotes kept.
  private static func options(_ text: Substring) -> [Substring] {
    var options: [Substring] = []
    var quoted = false
    var start = text.startIndex
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == "\"" { quoted.toggle() }
      if text[index] == "," && !quoted {
        options.append(text[start..<index])
        start = text.index(after: index)
      }
      index = text.index(after: index)
    }
    if start < text.endIndex { options.append(text[start...]) }
    return options.filter { !$0.isEmpty }
  }

  /// `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, with an optional `Z`; read as UTC.
  static func time(_ text: String) -> Int64? {
    let digits = text.hasSuffix("Z") || text.hasSuffix("z") ? String(text.dropLast()) : text
    guard [8, 12, 14].contains(digits.count), digits.allSatisfy(\.isNumber) else { return nil }
    let padded = digits + String(repeating: "0", count: 14 - digits.count)
    let numbers = stride(from: 0, to: 14, by: 2).map { offset -> Int in
      let start = padded.index(padded.startIndex, offsetBy: offset)
      return Int(padded[start..<padded.index(start, offsetBy: 2)]) ?? 0
    }
    var components = DateComponents()
    components.year = numbers[0] * 100 + numbers[1]
    components.month = numbers[2]
    components.day = numbers[3]
    components.hour = numbers[4]
    components.minute = numbers[5]
    components.second = numbers[6]
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    return calendar.date(from: components).map { Int64($0.timeIntervalSince1970) }
  }

  /// Whether a principal matches a pattern list as OpenSSH's `match_pattern_list` does: a
  /// negated match wins, otherwise any positive match.
  static func matches(_ principal: String, patterns: [String]) -> Bool {
    var matched = false
    for pattern in patterns {
      if pattern.hasPrefix("!") {
        if glob(principal.lowercased(), String(pattern.dropFirst()).lowercased()) { return false }
      } else if glob(principal.lowercased(), pattern.lowercased()) {
        matched = true
      }
    }
    return matched
  }

  private static func glob(_ text: String, _ pattern: String) -> Bool {
    let text = Array(text)
    let pattern = Array(pattern)
    var t = 0
    var p = 0
    var star: Int?
    var mark = 0
    while t < text.count {
      if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
        t += 1
        p += 1
      } else if p < pattern.count && pattern[p] == "*" {
        star = p
        mark = t
        p += 1
      } else if let star {
        p = star + 1
        mark += 1
        t = mark
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }
}
