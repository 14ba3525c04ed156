import Foundation

/// A RubyGems version, ordered as `Gem::Version#<=>`: segments of digits or letters, `-` read as
/// `.pre.`, trailing zeros of the release and of the pre-release part dropped, letters before
/// numbers.
struct RubyGemsVersion {
  enum Segment: Equatable {
    case number(Substring)
    case text(Substring)
  }

  let segments: [Segment]

  init(_ text: String) {
    let normalized = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(
      of: "-", with: ".pre.")
    var found: [Segment] = []
    var current = ""
    var digits = false
    func flush() {
      if !current.isEmpty {
        found.append(digits ? .number(Substring(current)) : .text(Substring(current)))
      }
      current = ""
    }
    for character in normalized {
      if character.isASCIIDigit {
        if !digits { flush() }
        digits = true
        current.append(character)
      } else if character.isLetter {
        if digits { flush() }
        digits = false
        current.append(character)
      } else {
        flush()
      }
    }
    flush()
    segments = Self.canonical(found)
  }

  /// Drops trailing zeros of the numeric part and of the part after the first letter segment.
  private static func canonical(_ segments: [Segment]) -> [Segment] {
    let split =
      segments.firstIndex { if case .text = $0 { return true } else { return false } }
      ?? segments.count
    func trimmed(_ part: ArraySlice<Segment>) -> [Segment] {
      var part = Array(part)
      while let last = part.last, case .number(let digits) = last, digits.allSatisfy({ $0 == "0" })
      {
        part.removeLast()
      }
      return part
    }
    return trimmed(segments[..<split]) + trimmed(segments[split...])
  }

  func compare(to other: RubyGemsVersion) -> Int {
    for index in 0..<max(segments.count, other.segments.count) {
      let left = index < segments.count ? segments[index] : .number("0")
      let right = index < other.segments.count ? other.segments[index] : .number("0")
      switch (left, right) {
      case (.number(let l), .number(let r)):
        let result = compareDigits(l, r)
        if result != 0 { return result }
      case (.text(let l), .text(let r)):
        if l != r { return sign(l, r) }
      case (.text, .number): return -1
      case (.number, .text): return 1
      }
    }
    return 0
  }
}
