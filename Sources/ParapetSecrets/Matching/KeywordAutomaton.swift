/// An Aho-Corasick automaton over ASCII-case-folded bytes: one pass over a buffer tells which
/// keywords occur in it, so that only the rules that name them run their regexes.
///
/// The transition table is dense over a reduced alphabet (the distinct bytes of all keywords plus
/// one class for every other byte), which keeps it small enough to stay in cache.
struct KeywordAutomaton: Sendable {
  let keywordCount: Int
  private let byteClass: [UInt8]
  private let classCount: Int
  private let delta: [Int32]
  /// For each state, the keywords that end there (including through failure links).
  private let outputs: [[Int32]]
  private let hasOutput: [Bool]

  /// Builds the automaton.
  /// - Parameter keywords: the keywords; matching ignores ASCII case.
  init(keywords: [String]) {
    keywordCount = keywords.count
    let folded = keywords.map { Array($0.utf8).map(Self.fold) }
    var classes = [UInt8](repeating: 0, count: 256)
    var next: UInt8 = 1
    for byte in Set(folded.joined()).sorted() {
      classes[Int(byte)] = next
      next += 1
    }
    for byte in 0..<256 where classes[byte] == 0 {
      classes[byte] = classes[Int(Self.fold(UInt8(byte)))]
    }
    byteClass = classes
    classCount = Int(next)

    // Trie.
    var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
    var out: [[Int32]] = [[]]
    for (index, word) in folded.enumerated() {
      var state = 0
      for byte in word {
        let symbol = Int(classes[Int(byte)])
        if goto[state][symbol] < 0 {
          goto[state][symbol] = Int32(goto.count)
          goto.append([Int32](repeating: -1, count: classCount))
          out.append([])
        }
        state = Int(goto[state][symbol])
      }
      out[state].append(Int32(index))
    }
    // Breadth-first failure links, folded into a complete transition table.
    var fail = [Int](repeating: 0, count: goto.count)
    var queue: [Int] = []
    for symbol in 0..<classCount {
      let target = goto[0][symbol]
      if target < 0 {
        goto[0][symbol] = 0
      } else {
        queue.append(Int(target))
      }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      out[state].append(contentsOf: out[fail[state]])
      for symbol in 0..<classCount {
        let target = goto[state][symbol]
        if target < 0 {
          goto[state][symbol] = goto[fail[state]][symbol]
        } else {
          fail[Int(target)] = Int(goto[fail[state]][symbol])
          queue.append(Int(target))
        }
      }
    }
    delta = goto.flatMap { $0 }
    outputs = out
    hasOutput = out.map { !$0.isEmpty }
  }

  /// Marks every keyword that occurs in `bytes`.
  /// - Parameters:
  ///   - bytes: the buffer.
  ///   - found: one flag per keyword, set to true for those found (not cleared first).
  func scan(_ bytes: UnsafeBufferPointer<UInt8>, into found: inout [Bool]) {
    guard keywordCount > 0 else { return }
    var state = 0
    byteClass.withUnsafeBufferPointer { classes in
      delta.withUnsafeBufferPointer { table in
        for byte in bytes {
          state = Int(table[state &* classCount &+ Int(classes[Int(byte)])])
          if hasOutput[state] {
            for keyword in outputs[state] { found[Int(keyword)] = true }
          }
        }
      }
    }
  }

  private static func fold(_ byte: UInt8) -> UInt8 {
    byte >= 65 && byte <= 90 ? byte + 32 : byte
  }
}
