/// An allowlist with its regexes compiled.
struct CompiledAllowlist: Sendable {
  let paths: [PCRE2Pattern]
  let regexes: [PCRE2Pattern]
  /// Lowercase UTF-8 bytes.
  let stopwords: [[UInt8]]
  let commits: Set<String>
  /// What it was compiled from (a history cache's key names it).
  let spec: AllowlistSpec

  /// Compiles an allowlist.
  /// - Parameter spec: the decoded allowlist.
  /// - Throws: `PCRE2CompileError` for a bad regex.
  init(_ spec: AllowlistSpec) throws {
    paths = try spec.paths.map { try PCRE2Pattern($0) }
    regexes = try spec.regexes.map { try PCRE2Pattern($0) }
    stopwords = spec.stopwords.map { Array($0.lowercased().utf8) }
    commits = Set(spec.commits)
    self.spec = spec
  }

  /// Whether a path is allowed through.
  func allowsPath(_ path: String, scratch: MatchScratch) -> Bool {
    paths.contains { $0.matches(path, scratch: scratch) }
  }

  /// Whether a secret is allowed through by a regex or a stop-word.
  func allowsSecret(_ secret: ArraySlice<UInt8>, scratch: MatchScratch) -> Bool {
    if !regexes.isEmpty {
      let matched = Array(secret).withUnsafeBufferPointer { buffer in
        regexes.contains { $0.match(buffer, from: 0, scratch: scratch) != nil }
      }
      if matched { return true }
    }
    return stopwords.contains { Self.containsFolded(secret, $0) }
  }

  /// ASCII-case-insensitive substring test on bytes.
  static func containsFolded(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    let start = haystack.startIndex
    for offset in 0...(haystack.count - needle.count) {
      var index = 0
      while index < needle.count {
        var byte = haystack[start + offset + index]
        if byte >= 65 && byte <= 90 { byte += 32 }
        if byte != needle[index] { break }
        index += 1
      }
      if index == needle.count { return true }
    }
    return false
  }
}
