/// Repo-relative path globs (`[[signatures.path]]`, `[[gateway.ignore]]`): `*` and `?` stay within a folder, `**`
/// spans folders, and a pattern ending in `/` covers everything below that folder.
public enum PathPattern {
  /// Whether a path matches a pattern.
  public static func matches(_ path: String, _ pattern: String) -> Bool {
    let pattern = pattern.hasSuffix("/") ? pattern + "**" : pattern
    return match(Array(path.utf8)[...], Array(pattern.utf8)[...])
  }

  private static func match(_ text: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
    guard let first = pattern.first else { return text.isEmpty }
    let slash = UInt8(ascii: "/")
    let star = UInt8(ascii: "*")
    if first == star {
      let rest = pattern.dropFirst()
      if rest.first == star {
        // `**`: any run of characters, slashes included; `**/` may also match nothing.
        var after = rest.dropFirst()
        if after.first == slash, match(text, after.dropFirst()) { return true }
        after = rest.dropFirst()
        return text.indices.map { text[$0...] }.contains { match($0, after) }
          || match(text[text.endIndex...], after)
      }
      var index = text.startIndex
      while true {
        if match(text[index...], rest) { return true }
        guard index < text.endIndex, text[index] != slash else { return false }
        index += 1
      }
    }
    guard let character = text.first else { return false }
    if first == UInt8(ascii: "?") ? character != slash : character == first {
      return match(text.dropFirst(), pattern.dropFirst())
    }
    return false
  }
}
