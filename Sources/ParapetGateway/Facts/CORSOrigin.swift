/// Entries of a CORS origin allowlist that let in more than the production front ends
/// (GW-CORS-004): `null` (sandboxed frames and local files), plain-HTTP origins, and localhost.
enum CORSOrigin {
  /// Why an allowlisted origin should not be there, or nil.
  static func weakness(_ origin: String) -> String? {
    let value = origin.trimmingCharacters(in: .whitespaces).lowercased()
    if value == "null" { return "allows the origin null (sandboxed frames, files)" }
    let host = value.drop { $0 != "/" }.drop { $0 == "/" }
    if host.hasPrefix("localhost") || host.hasPrefix("127.") || host.hasPrefix("[::1]") {
      return "allows the local origin \(origin)"
    }
    if value.hasPrefix("http://") { return "allows \(origin) over plain HTTP" }
    return nil
  }

  /// Whether a regex allowlist entry (Kong's origins, Envoy's safe_regex) is unanchored or
  /// over-broad: `.*`, or a dot that is not escaped before the registered domain, so
  /// `https://.*example.com` also lets in `evilexample.com`.
  static func isBroadPattern(_ pattern: String) -> Bool {
    guard pattern.contains("*") || pattern.contains("+") || pattern.contains("\\") else {
      return false
    }
    if pattern == ".*" || pattern == "*" { return true }
    if !pattern.hasSuffix("$") { return true }
    return pattern.contains(".*") && !pattern.contains(".*\\.")
  }
}
