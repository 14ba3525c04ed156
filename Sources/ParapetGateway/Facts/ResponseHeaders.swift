/// The response headers step 5 of the checklist asks of every format (GW-HDR-001).
enum ResponseHeaders {
  /// What every proxied response must carry, as the headers are spelled.
  static let required = ["X-Content-Type-Options", "X-Frame-Options"]
  /// The same in lower case, as the formats that name headers in keys compare them.
  static let requiredLowercased = required.map { $0.lowercased() }
}
