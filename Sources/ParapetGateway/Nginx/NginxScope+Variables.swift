/// What a scope knows of nginx variables without running nginx: the values `set` gives them and
/// the names a location's regex captures, so a check sees where a variable's value comes from.
extension NginxScope {
  /// A text with the variables `set` in this block or around it replaced by their values, up to
  /// three levels (`set $target "http://$host_part$request_uri"; proxy_pass $target;`). A
  /// variable set more than once keeps its innermost, last value; unknown ones stay as written.
  func expandingSetVariables(_ text: String) -> String {
    var values: [String: String] = [:]
    for block in chain {
      for set in block.children("set") where set.values.count == 2 {
        values[String(set.values[0].dropFirst())] = set.values[1]
      }
    }
    guard !values.isEmpty else { return text }
    var result = text
    for _ in 0..<3 {
      let next = Self.replacingVariables(in: result) { values[$0] }
      if next == result { break }
      result = next
    }
    return result
  }

  /// The names a regex location around this block captures (`(?<path>…)`, `(?P<path>…)`,
  /// `(?'path'…)`): their values are parts of the request's URI.
  var regexCaptureNames: Set<String> {
    var names: Set<String> = []
    for block in chain where block.name == "location" {
      guard block.values.count >= 2, block.values[0].hasPrefix("~") else { continue }
      let regex = Array(block.values[1])
      for index in regex.indices where regex[index] == "(" {
        let rest = regex[(index + 1)...]
        let opener = ["?<", "?P<", "?'"].first { rest.starts(with: Array($0)) }
        guard let opener, rest.dropFirst(opener.count).first != "=" else { continue }
        let name = rest.dropFirst(opener.count).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        if !name.isEmpty { names.insert(String(name)) }
      }
    }
    return names
  }

  /// Replaces `$name` and `${name}` where `value` knows the name.
  private static func replacingVariables(
    in text: String, value: (String) -> String?
  ) -> String {
    var result = ""
    var copied = text.startIndex
    for reference in NginxVariable.references(in: text) {
      guard let replacement = value(String(reference.name)) else { continue }
      result += text[copied..<reference.range.lowerBound] + replacement
      copied = reference.range.upperBound
    }
    return result + text[copied...]
  }
}

/// Where a text uses nginx variables: `$name` or `${name}`, the name the longest run of
/// letters, digits and `_` (so `$1` is a capture and `$uri` is not `$uri_x`).
enum NginxVariable {
  /// Each variable a text uses, in order, with the range of its whole reference.
  static func references(in text: some StringProtocol) -> [(
    name: Substring, range: Range<String.Index>
  )] {
    let text = Substring(text)
    var found: [(name: Substring, range: Range<String.Index>)] = []
    var rest = text[...]
    while let dollar = rest.firstIndex(of: "$") {
      var after = rest[rest.index(after: dollar)...]
      let braced = after.first == "{"
      if braced { after = after.dropFirst() }
      let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      var end = name.endIndex
      if braced, end < after.endIndex, after[end] == "}" { end = after.index(after: end) }
      if !name.isEmpty { found.append((name, dollar..<end)) }
      rest = text[max(end, after.startIndex)...]
    }
    return found
  }
}
