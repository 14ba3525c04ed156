/// One worker's scanner: runs the rule set over byte buffers, reusing its scratch space for every
/// buffer. Not thread-safe; make one per worker.
final class ContentScanner {
  private let ruleSet: RuleSet
  private let scratch = MatchScratch()
  private var keywordHits: [Bool]
  private var selected: [Bool]
  private var compiled: [PCRE2Pattern?]
  /// Rules whose pattern failed to compile: id → message, reported once by the job.
  private(set) var brokenRules: [String: String] = [:]

  init(ruleSet: RuleSet) {
    self.ruleSet = ruleSet
    keywordHits = [Bool](repeating: false, count: ruleSet.automaton.keywordCount)
    selected = [Bool](repeating: false, count: ruleSet.rules.count)
    compiled = [PCRE2Pattern?](repeating: nil, count: ruleSet.rules.count)
  }

  /// Whether the global allowlist lets a path through unscanned.
  func isAllowlisted(path: String) -> Bool {
    ruleSet.globalAllowlist.allowsPath(path, scratch: scratch)
  }

  /// Scans a buffer and, inside it, base64, hex and percent-encoded values.
  /// - Parameters:
  ///   - bytes: the content.
  ///   - path: its repo-relative path, for rules limited to some paths.
  ///   - lineMap: how buffer lines map to file lines.
  /// - Returns: the secrets found, specific rules winning over generic ones on the same text.
  func scan(_ bytes: UnsafeBufferPointer<UInt8>, path: String, lineMap: LineMap) -> [RawMatch] {
    var map = lineMap
    var results: [RawMatch] = []
    for hit in detect(in: bytes, path: path) {
      guard !isSuppressedInline(at: hit.match.lowerBound, in: bytes) else { continue }
      let start = map.position(of: hit.secret.lowerBound, in: bytes)
      let end = map.position(of: hit.secret.upperBound, in: bytes)
      results.append(
        RawMatch(
          ruleIndex: hit.rule, secret: Array(bytes[hit.secret]), startLine: start.line,
          startColumn: start.column, endLine: end.line, endColumn: end.column,
          offsets: hit.secret, decoding: nil,
          inComment: Self.isComment(at: hit.match.lowerBound, in: bytes)))
    }
    for segment in EncodedSegments.find(in: bytes) {
      let decoded = segment.decoded
      let hits = decoded.withUnsafeBufferPointer { detect(in: $0, path: path) }
      guard !hits.isEmpty, !isSuppressedInline(at: segment.range.lowerBound, in: bytes) else {
        continue
      }
      let start = map.position(of: segment.range.lowerBound, in: bytes)
      let end = map.position(of: segment.range.upperBound, in: bytes)
      for hit in hits {
        results.append(
          RawMatch(
            ruleIndex: hit.rule, secret: Array(decoded[hit.secret]), startLine: start.line,
            startColumn: start.column, endLine: end.line, endColumn: end.column,
            offsets: segment.range, decoding: segment.encoding,
            inComment: Self.isComment(at: segment.range.lowerBound, in: bytes)))
      }
    }
    return dropOverlaps(results)
  }

  /// The byte ranges of the secrets in a buffer, encoded ones as the whole encoded value, for
  /// the redaction gate: inline `parapet:allow` markers do not apply (they accept a finding,
  /// they do not make a value safe to print).
  /// - Parameters:
  ///   - bytes: the text.
  ///   - path: the path rules limited to some paths are checked against.
  /// - Returns: the ranges, unordered.
  func secretRanges(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> [Range<Int>] {
    var ranges = detect(in: bytes, path: path).map(\.secret)
    for segment in EncodedSegments.find(in: bytes) {
      let hits = segment.decoded.withUnsafeBufferPointer { detect(in: $0, path: path) }
      if !hits.isEmpty { ranges.append(segment.range) }
    }
    return ranges
  }

  private struct Hit {
    let rule: Int
    let match: Range<Int>
    let secret: Range<Int>
  }

  private func detect(in bytes: UnsafeBufferPointer<UInt8>, path: String) -> [Hit] {
    for index in keywordHits.indices { keywordHits[index] = false }
    ruleSet.automaton.scan(bytes, into: &keywordHits)
    var candidates = ruleSet.unconditionalRules
    for (keyword, hit) in keywordHits.enumerated() where hit {
      for rule in ruleSet.rulesByKeyword[keyword] where !selected[rule] {
        selected[rule] = true
        candidates.append(rule)
      }
    }
    for rule in candidates { selected[rule] = false }
    var hits: [Hit] = []
    for rule in candidates.sorted() {
      if let pathPattern = ruleSet.pathPatterns[rule], !pathPattern.matches(path, scratch: scratch)
      {
        continue
      }
      if ruleSet.ruleAllowlists[rule].allowsPath(path, scratch: scratch) { continue }
      guard let pattern = pattern(for: rule) else { continue }
      run(pattern, rule: rule, over: bytes, into: &hits)
    }
    return hits
  }

  private func run(
    _ pattern: PCRE2Pattern, rule index: Int, over bytes: UnsafeBufferPointer<UInt8>,
    into hits: inout [Hit]
  ) {
    let rule = ruleSet.rules[index]
    var start = 0
    while start <= bytes.count, let groups = pattern.match(bytes, from: start, scratch: scratch),
      let whole = groups[0]
    {
      start = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
      guard let secretRange = Self.secretRange(groups, group: rule.secretGroup),
        !secretRange.isEmpty
      else { continue }
      let secret = Array(bytes[secretRange])[...]
      if let minimum = rule.entropy, Entropy.shannon(secret) < minimum { continue }
      if let validator = rule.validator, !validator.accepts(secret) { continue }
      let subject = rule.validator?.subject(of: secret) ?? secret
      if ruleSet.ruleAllowlists[index].allowsSecret(subject, scratch: scratch) { continue }
      if ruleSet.globalAllowlist.allowsSecret(secret, scratch: scratch) { continue }
      hits.append(Hit(rule: index, match: whole, secret: secretRange))
    }
  }

  private static func secretRange(_ groups: [Range<Int>?], group: Int?) -> Range<Int>? {
    if let group { return group < groups.count ? groups[group] : nil }
    return groups.dropFirst().first { $0.map { !$0.isEmpty } ?? false } ?? groups[0]
  }

  private func pattern(for rule: Int) -> PCRE2Pattern? {
    if let pattern = compiled[rule] { return pattern }
    do {
      let pattern = try ruleSet.patterns[rule].get()
      compiled[rule] = pattern
      return pattern
    } catch {
      brokenRules[ruleSet.rules[rule].id] = "\(error)"
      return nil
    }
  }

  private static let commentMarkers = ["#", "//", "/*", "*", "--", ";", "<!--"].map {
    Array($0.utf8)
  }

  /// Whether the line holding an offset starts, after its indentation, with a comment marker.
  private static func isComment(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let line = LineMap.lineRange(around: offset, in: bytes)
    var start = line.lowerBound
    while start < line.upperBound && (bytes[start] == 32 || bytes[start] == 9) { start += 1 }
    let text = bytes[start..<line.upperBound]
    return commentMarkers.contains { text.starts(with: $0) }
  }

  /// Markers that accept the secrets of their own line: ours, gitleaks' and detect-secrets'.
  private static let allowMarkers = [
    Array("parapet:allow".utf8), Array("gitleaks:allow".utf8),
    Array("pragma: allowlist secret".utf8),
  ]
  /// detect-secrets' marker that accepts the secrets of the line after it.
  private static let nextLineMarker = Array("pragma: allowlist nextline secret".utf8)

  private func isSuppressedInline(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let line = LineMap.lineRange(around: offset, in: bytes)
    let slice = Array(bytes[line])[...]
    if Self.allowMarkers.contains(where: { CompiledAllowlist.containsFolded(slice, $0) }) {
      return true
    }
    guard line.lowerBound > 0 else { return false }
    let above = Array(bytes[LineMap.lineRange(around: line.lowerBound - 1, in: bytes)])[...]
    return CompiledAllowlist.containsFolded(above, Self.nextLineMarker)
  }

  /// Keeps one finding where rules overlap on the same text: a specific rule wins over a
  /// generic one, a provider's format over a name-and-value match, and a match that contains another (a connection string around its account
  /// key) wins over the match it contains. Matches are compared only with those whose places in
  /// the buffer intersect theirs, found by one sweep over the matches in offset order: a file
  /// of 32,000 tokens is O(n log n), not a comparison of every pair.
  private func dropOverlaps(_ matches: [RawMatch]) -> [RawMatch] {
    guard matches.count > 1 else { return matches }
    let order = matches.indices.sorted {
      (matches[$0].offsets.lowerBound, $0) < (matches[$1].offsets.lowerBound, $1)
    }
    var dropped = [Bool](repeating: false, count: matches.count)
    // The matches whose places may still reach later ones, by farthest end.
    var open: [Int] = []
    for index in order {
      let start = matches[index].offsets.lowerBound
      open.removeAll { matches[$0].offsets.upperBound <= start }
      for other in open {
        let (earlier, later) = (matches[other], matches[index])
        let laterInEarlier = Self.occurs(later.secret, in: earlier.secret)
        let earlierInLater = Self.occurs(earlier.secret, in: later.secret)
        if beats(earlier, other, later, index, contains: laterInEarlier, within: earlierInLater) {
          dropped[index] = true
        }
        if beats(later, index, earlier, other, contains: earlierInLater, within: laterInEarlier) {
          dropped[other] = true
        }
      }
      open.append(index)
    }
    return matches.indices.filter { !dropped[$0] }.map { matches[$0] }
  }

  /// Whether one match, where it overlaps another, wins over it.
  /// - Parameters:
  ///   - contains: whether the winner's secret holds the loser's.
  ///   - within: whether the loser's secret holds the winner's.
  private func beats(
    _ winner: RawMatch, _ winnerIndex: Int, _ loser: RawMatch, _ loserIndex: Int,
    contains: Bool, within: Bool
  ) -> Bool {
    let winnerGeneric = ruleSet.rules[winner.ruleIndex].generic
    let loserGeneric = ruleSet.rules[loser.ruleIndex].generic
    if winnerGeneric != loserGeneric { return loserGeneric && (contains || within) }
    guard contains else { return false }
    guard winner.secret.count == loser.secret.count else { return true }
    // The same text: a provider's own format (a token in a curl command's header) wins over a
    // value known only by what surrounds it.
    let winnerConfidence = Confidence.base(of: ruleSet.rules[winner.ruleIndex])
    let loserConfidence = Confidence.base(of: ruleSet.rules[loser.ruleIndex])
    guard winnerConfidence == loserConfidence else { return winnerConfidence > loserConfidence }
    return winnerIndex < loserIndex
  }

  /// Whether `needle` occurs in `haystack`. Foundation's `firstRange(of:)` copies its operands
  /// on every call, which made the comparisons of overlapping matches a fifth of a scan's time
  /// on match-dense input.
  private static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard needle.count <= haystack.count else { return false }
    return haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { sought in
        (0...(hay.count - sought.count)).contains { start in
          (0..<sought.count).allSatisfy { hay[start + $0] == sought[$0] }
        }
      }
    }
  }
}
