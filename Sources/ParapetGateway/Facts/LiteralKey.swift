import Foundation

/// What makes a credential written into a configuration weak (GW-KEY-004): the checklist wants
/// 32 random bytes, so a short or repetitive key is guessable as well as exposed.
enum LiteralKey {
  /// Below this many bits of Shannon entropy per character a key is mostly repetition.
  static let minimumEntropy = 3.0

  /// Why a key is weak, or nil when it is long and varied enough.
  /// - Parameters:
  ///   - key: the literal key.
  ///   - minimumLength: the shortest acceptable length.
  /// - Returns: a phrase for the finding's message (which never quotes the key).
  static func weakness(_ key: String, minimumLength: Int) -> String? {
    if key.count < minimumLength {
      return "\(key.count) characters long, under \(minimumLength)"
    }
    let entropy = shannonEntropy(key)
    if entropy < minimumEntropy {
      return String(format: "low in entropy (%.1f bits per character)", entropy)
    }
    return nil
  }

  /// Whether a value is a reference resolved at run time (`{vault://…}`, `${VAR}`, `$var`),
  /// not a credential written in the file.
  static func isReference(_ value: String) -> Bool {
    value.hasPrefix("{vault://") || value.contains("${") || value.hasPrefix("$")
      || value.hasPrefix("env://")
  }

  private static func shannonEntropy(_ text: String) -> Double {
    var counts: [Character: Int] = [:]
    for character in text { counts[character, default: 0] += 1 }
    let total = Double(text.count)
    return counts.values.reduce(0) { sum, count in
      let share = Double(count) / total
      return sum - share * log2(share)
    }
  }
}
