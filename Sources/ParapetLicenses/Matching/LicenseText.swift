/// License text reduced to what the SPDX matching guidelines say is significant: words in lower
/// case. Whitespace, punctuation, quote and dash styles, bullets and list numbering, copyright
/// lines, `<placeholders>`, `http`/`https` and a few varietal spellings do not count.
///
/// Works on UTF-8 bytes with hashed words: preparing the 57 license texts (100,000 words) as
/// Swift `Character`s took 150 ms, which every run that meets a license file paid.
struct LicenseText {
  /// The word bigrams of the text, hashed: the unit two texts are compared in.
  let bigrams: Set<UInt64>
  /// How many words the text has.
  let wordCount: Int

  /// Reduces a text.
  /// - Parameter text: the license text as written.
  init(_ text: String) {
    var words: [UInt64] = []
    var bytes = Array(text.utf8)
    for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A {
      bytes[index] |= 0x20  // ASCII lower case; other scripts compare as written.
    }
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
      Self.appendWords(ofLine: bytes[start..<end], to: &words)
      start = end + 1
    }
    var bigrams = Set<UInt64>(minimumCapacity: words.count)
    var previous: UInt64 = 0
    for word in words {
      bigrams.insert((previous &* 0x9E37_79B9_7F4A_7C15) ^ word)
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

  private static let copyright = Array("copyright".utf8)
  private static let noticePrefixes = ["(c)", "©", "all rights reserved"].map { Array($0.utf8) }
  /// Words that follow "copyright" in a wrapped sentence ("…the above\ncopyright notice…"),
  /// where the line is license text rather than a copyright notice.
  private static let copyrightPhraseWords: Set<UInt64> = Set(
    [
      "notice", "notices", "holder", "holders", "owner", "owners", "and", "law", "laws",
      "license", "licenses", "statement", "statements", "or", "interest", "protection",
    ].map { hash(Array($0.utf8)[...]) })
  private static let spellings: [UInt64: UInt64] = Dictionary(
    uniqueKeysWithValues: [
      ("licence", "license"), ("licences", "licenses"), ("licenced", "licensed"),
      ("acknowledgment", "acknowledgement"), ("acknowledgments", "acknowledgements"),
      ("https", "http"), ("analyse", "analyze"), ("organisation", "organization"),
    ].map { (hash(Array($0.0.utf8)[...]), hash(Array($0.1.utf8)[...])) })
  private static let joiners: Set<UInt64> = [
    hash(Array("sub".utf8)[...]), hash(Array("non".utf8)[...]),
  ]

  private static func appendWords(ofLine raw: ArraySlice<UInt8>, to words: inout [UInt64]) {
    var line = raw.drop { $0 == 0x20 || $0 == 0x09 }
    if isCopyrightLine(line) { return }
    line = droppingBullet(line)
    var index = line.startIndex
    var wordStart: Int?
    var placeholder: Int?  // where a `<` opened, while looking for its `>`
    func flush(_ end: Int) {
      guard let begin = wordStart else { return }
      wordStart = nil
      var word = hash(line[begin..<end])
      word = spellings[word] ?? word
      // "sub-license" and "non-infringement" are the same words as "sublicense".
      if let last = words.last, joiners.contains(last) {
        words[words.count - 1] = hash(line[begin..<end], seed: last)
      } else {
        words.append(word)
      }
    }
    var kept = 0  // how many words there were before the open placeholder
    while index < line.endIndex {
      let byte = line[index]
      if byte == 0x3C, placeholder == nil {  // `<`: maybe a placeholder such as <year>
        flush(index)
        placeholder = index
        kept = words.count
      } else if byte == 0x3E, placeholder != nil {  // `>`: drop what the placeholder held
        flush(index)
        words.removeLast(words.count - min(kept, words.count))
        placeholder = nil
      } else if isWordByte(byte) {
        if wordStart == nil { wordStart = index }
      } else {
        flush(index)
      }
      if let open = placeholder, index - open >= 60 { placeholder = nil }  // not a placeholder
      index += 1
    }
    flush(line.endIndex)
  }

  private static func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
  }

  private static func isCopyrightLine(_ line: ArraySlice<UInt8>) -> Bool {
    if noticePrefixes.contains(where: { line.starts(with: $0) }) { return true }
    guard line.starts(with: copyright) else { return false }
    let rest = line.dropFirst(copyright.count).drop { $0 == 0x20 || $0 == 0x09 }
    let next = rest.prefix { $0 >= 0x61 && $0 <= 0x7A }
    return next.isEmpty || !copyrightPhraseWords.contains(hash(next))
  }

  /// Leaves out a leading list marker: `1.`, `a)`, `(iv)`, `*`, `-`, `•`.
  private static func droppingBullet(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    guard let first = line.first else { return line }
    if first == 0x2A || first == 0x2D { return line.dropFirst() }
    if line.starts(with: Array("•".utf8)) { return line.dropFirst(3) }
    let opened = first == 0x28
    let start = opened ? line.startIndex + 1 : line.startIndex
    var marker = start
    while marker < line.endIndex, marker - start < 4,
      (line[marker] >= 0x61 && line[marker] <= 0x7A)
        || (line[marker] >= 0x30 && line[marker] <= 0x39)
    {
      marker += 1
    }
    guard marker > start, marker < line.endIndex else { return line }
    let closer = line[marker]
    let isMarker = opened ? closer == 0x29 : (closer == 0x2E || closer == 0x29)
    let after = marker + 1
    guard isMarker, after == line.endIndex || line[after] == 0x20 || line[after] == 0x09 else {
      return line
    }
    return line[after...]
  }

  /// FNV-1a over the bytes, continuing from `seed` when one is given.
  private static func hash(_ bytes: ArraySlice<UInt8>, seed: UInt64 = 0xCBF2_9CE4_8422_2325)
    -> UInt64
  {
    var value = seed
    for byte in bytes {
      value ^= UInt64(byte)
      value = value &* 0x100_0000_01B3
    }
    return value
  }
}
