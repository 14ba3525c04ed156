/// Paths that authenticate users, where the checklist wants a tighter rate limit (GW-RL-003)
/// to slow credential stuffing.
enum AuthPath {
  private static let words = ["login", "signin", "sign-in", "auth", "token", "oauth", "password"]

  /// Whether a route path, prefix or location pattern serves authentication.
  static func matches(_ path: String) -> Bool {
    TextSearch.containsAny(path.lowercased(), words)
  }

  /// A rate as requests per minute: nginx `10r/s`, `5r/m`.
  static func perMinute(nginxRate rate: String) -> Double? {
    let text = rate.hasPrefix("rate=") ? String(rate.dropFirst(5)) : rate
    guard let slash = text.firstIndex(of: "/"), text[..<slash].hasSuffix("r"),
      let count = Double(text[..<slash].dropLast())
    else { return nil }
    switch text[text.index(after: slash)...] {
    case "s": return count * 60
    case "m": return count
    default: return nil
    }
  }
}

/// Paths of internal and admin surfaces, which the checklist wants behind client certificates
/// (GW-MTLS-001).
enum InternalPath {
  /// Whether a path, prefix or location pattern (`^/admin`) starts with /internal or /admin.
  static func matches(_ path: String) -> Bool {
    let plain = path.hasPrefix("^") ? path.dropFirst() : Substring(path)
    return plain.hasPrefix("/internal") || plain.hasPrefix("/admin")
  }
}
