/// Where a proxy target points, for the SSRF rules of every format: one reading of a URL's host
/// and one definition of metadata, loopback and private address space.
struct UpstreamHost {
  /// The host, lower case, without scheme, port, path or IPv6 brackets.
  let name: String

  /// Reads the host of a URL (`http://10.0.0.5:8080/x`), a `host:port`, or a bare host.
  init(_ target: String) {
    // After the last `://`, up to the path. Foundation's string search costs more per call
    // than a scan of the few bytes a target has, and every proxied location has one.
    let bytes = target.utf8
    var start = bytes.startIndex
    var index = bytes.startIndex
    while index != bytes.endIndex {
      if bytes[index] == UInt8(ascii: ":"), bytes[index...].starts(with: "://".utf8) {
        start = bytes.index(index, offsetBy: 3)
      }
      index = bytes.index(after: index)
    }
    let rest = target[start...].prefix { $0 != "/" }
    if rest.hasPrefix("[") {
      name = String(rest.dropFirst().prefix { $0 != "]" }).lowercased()
    } else {
      name = String(rest.prefix { $0 != ":" }).lowercased()
    }
  }

  /// Link-local or cloud instance metadata: 169.254.0.0/16, fe80::/10, metadata.google.internal.
  var isMetadata: Bool {
    name.hasPrefix("169.254.") || name.hasPrefix("fe80:")
      || name.hasPrefix("metadata.google.internal")
  }

  /// 127.0.0.0/8, ::1 or localhost.
  var isLoopback: Bool { name == "localhost" || name.hasPrefix("127.") || name == "::1" }

  /// RFC 1918 or unique-local IPv6 space.
  var isPrivate: Bool {
    guard let first = name.utf8.first else { return false }
    // Most targets are names, not addresses.
    if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
      let parts = name.split(separator: ".").compactMap { Int($0) }
      guard parts.count == 4 else { return false }
      return parts[0] == 10 || (parts[0] == 172 && (16...31).contains(parts[1]))
        || (parts[0] == 192 && parts[1] == 168)
    }
    return TextSearch.contains(name, ":") && (name.hasPrefix("fc") || name.hasPrefix("fd"))
  }
}
