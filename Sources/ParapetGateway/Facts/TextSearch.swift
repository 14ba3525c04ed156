#if canImport(Glibc)
  import Glibc
#endif

/// Substring tests over UTF-8 bytes with libc's memchr and memcmp (glibc's memmem is not
/// exported to Swift): the prefilters run on every file read, and `String.contains` goes
/// through Foundation's slower, Unicode-aware search.
enum TextSearch {
  /// Whether `text` contains `needle`, byte for byte.
  static func contains(_ text: String, _ needle: String) -> Bool {
    var text = text
    var needle = needle
    return text.withUTF8 { haystack in
      needle.withUTF8 { pattern in
        guard let base = haystack.baseAddress, let wanted = pattern.baseAddress,
          let first = pattern.first
        else { return pattern.isEmpty }
        var start = 0
        while start + pattern.count <= haystack.count {
          guard
            let found = memchr(
              base + start, Int32(first), haystack.count - pattern.count - start + 1)
          else { return false }
          if memcmp(found, wanted, pattern.count) == 0 { return true }
          start = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return false
      }
    }
  }

  /// Whether `text` contains any of the needles.
  static func containsAny(_ text: String, _ needles: [String]) -> Bool {
    needles.contains { contains(text, $0) }
  }
}
