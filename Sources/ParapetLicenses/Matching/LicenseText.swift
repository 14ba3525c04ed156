import Foundation

/// License text reduced to what the SPDX matching guidelines say is significant: words in lower
/// case. Whitespace, punctuation, quote and dash styles, bullets and list numbering, copyright
/// lines, `<placeholders>`, `http`/`https` and a few varietal spellings do not count.
struct LicenseText {
  /// The word bigrams of the text, hashed: the unit two texts are compared in.
  let bigrams: Set<Int>
  /// How many words the text has.
  let wordCount: Int

  /// Reduces a text.
  /// - Parameter text: the license text as written.
  init(_ text: String) {
    var words: [Substring] = []
    for line in text.lowercased().split(whereSeparator: \.isNewline) {
      var body = line.drop(while: { $0.isWhitespace })
      if Self.isCopyrightLine(body) { continue }
      body = Self.droppingBullet(body)
      Self.appendWords(of: Self.removingPlaceholders(body), to: &words)
    }
    var bigrams = Set<Int>(minimumCapacity: words.count)
    var previous: Substring = ""
    for word in words {
      var hasher = Hasher()
      hasher.combine(previous)
      hasher.combine(word)
      bigrams.insert(hasher.finalize())
      previous = word
    }
    self.bigrams = bigrams
    wordCount = words.count
  }

  /// The Sørensen–Dice coefficient of the two texts' bigram sets, 0 to 1.
  func similarity(to other: LicenseText) -> Double {
    let total = bigrams.count + other.bigrams.count
    guard total > 0 else { return 0 }
    let (small, large) =
      bigrams.count <= other.bigrams.count ? (bigrams, other.bigrams) : (other.bigrams, bigrams)
    let shared = small.reduce(0) { $0 + (large.contains($1) ? 1 : 0) }
    return Double(2 * shared) / Double(total)
  }

  /// The best similarity the two texts could reach, from their sizes alone.
  func similarityBound(to other: LicenseText) -> Double {
    let total = bigrams.count + other.bigrams.count
    guard total > 0 else { return 0 }
    return Double(2 * min(bigrams.count, other.bigrams.count)) / Double(total)
  }

  private static let copyrightPrefixes = ["(c)", "©", "all rights reserved"]
  /// Words that follow "copyright" in a wrapped sentence ("…the above\ncopyright notice…"),
  /// where the line is license text rather than a copyright notice.
  private static let copyrightPhraseWords: Set<Substring> = [
    "notice", "notices", "holder", "holders", "owner", "owners", "and", "law", "laws", "license",
    "licenses", "statement", "statements", "or", "interest", "protection",
  ]

  private static func isCopyrightLine(_ line: Substring) -> Bool {
    if copyrightPrefixes.contains(where: { line.hasPrefix($0) }) { return true }
    guard line.hasPrefix("copyright") else { return false }
    let next = line.dropFirst("copyright".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
      .first.map { $0.prefix { $0.isLetter } }
    return !copyrightPhraseWords.contains(next ?? "")
  }

  /// Leaves out a leading list marker: `1.`, `a)`, `(iv)`, `*`, `-`, `•`.
  private static func droppingBullet(_ line: Substring) -> Substring {
    guard let first = line.first else { return line }
    if "*-•·".contains(first) { return line.dropFirst() }
    var marker = line.startIndex
    let opened = first == "("
    if opened { marker = line.index(after: marker) }
    let start = marker
    while marker < line.endIndex, line[marker].isLetter || line[marker].isNumber,
      line.distance(from: start, to: marker) < 4
    {
      marker = line.index(after: marker)
    }
    guard marker > start, marker < line.endIndex else { return line }
    let closer = line[marker]
    let isMarker = opened ? closer == ")" : (closer == "." || closer == ")")
    let afterCloser = line.index(after: marker)
    guard isMarker, afterCloser == line.endIndex || line[afterCloser].isWhitespace else {
      return line
    }
    return line[afterCloser...]
  }

  /// Leaves out short `<...>` spans: the SPDX texts' `<year>` and `<copyright holders>`.
  private static func removingPlaceholders(_ line: Substring) -> Substring {
    guard line.contains("<") else { return line }
    var out = ""
    var rest = line[...]
    while let open = rest.firstIndex(of: "<") {
      out += rest[..<open]
      guard let close = rest[open...].firstIndex(of: ">"),
        rest.distance(from: open, to: close) < 60
      else {
        out += rest[open...]
        return Substring(out)
      }
      out += " "
      rest = rest[rest.index(after: close)...]
    }
    out += rest
    return Substring(out)
  }

  private static let spellings: [Substring: Substring] = [
    "licence": "license", "licences": "licenses", "licenced": "licensed",
    "acknowledgment": "acknowledgement", "acknowledgments": "acknowledgements", "https": "http",
    "analyse": "analyze",
    "organisation": "organization",
  ]

  private static func appendWords(of line: Substring, to words: inout [Substring]) {
    var start: Substring.Index?
    var index = line.startIndex
    func flush(_ end: Substring.Index) {
      guard let begin = start else { return }
      var word = line[begin..<end]
      if let spelling = spellings[word] { word = spelling }
      // "sub-license" and "non-infringement" are the same words as "sublicense".
      if let last = words.last, last == "sub" || last == "non" {
        words[words.count - 1] = Substring(last + word)
      } else {
        words.append(word)
      }
      start = nil
    }
    while index < line.endIndex {
      let character = line[index]
      if character.isLetter || character.isNumber {
        if start == nil { start = index }
      } else {
        flush(index)
      }
      index = line.index(after: index)
    }
    flush(line.endIndex)
  }
}
