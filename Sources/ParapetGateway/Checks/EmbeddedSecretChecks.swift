import ParapetCore

/// Step 10 over the text of every gateway file, whatever its format: private keys and
/// provider keys pasted in (GW-SCAN-001). The secrets job finds these too, with its full rule
/// set; here they count against the configuration's checklist.
enum EmbeddedSecretChecks {
  /// Strings one of the patterns needs, so most files are passed over without a regex.
  private static let markers = [
    "PRIVATE KEY-----", "AKIA", "ASIA", "sk_live_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_",
  ]

  // Computed: Regex is not Sendable, so it cannot be a shared static.
  private static var patterns: [(name: String, regex: Regex<Substring>)] {
    [
      ("a private key", #/-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/#),
      ("an AWS access key id", #/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/#),
      ("a Stripe live secret key", #/\bsk_live_[0-9A-Za-z]{24,}\b/#),
      ("a GitHub token", #/\bgh[pousr]_[0-9A-Za-z]{36}\b/#),
    ]
  }

  /// The findings in one file.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - path: the file, repo-relative.
  ///   - format: its format, for the finding's properties.
  /// - Returns: one finding per line holding a secret.
  static func findings(in text: String, path: String, format: GatewayFormat) -> [Finding] {
    guard TextSearch.containsAny(text, markers) else { return [] }
    var found: [Finding] = []
    let patterns = patterns
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      for (name, regex) in patterns {
        guard let match = line.firstMatch(of: regex) else { continue }
        let column = line.distance(from: line.startIndex, to: match.range.lowerBound) + 1
        // The secret is hashed into the fingerprint and never written into the message.
        found.append(
          GatewayFinding.make(
            "GW-SCAN-001", path: path, line: index + 1, column: column,
            length: match.output.count, content: String(match.output), severity: nil,
            format: format.rawValue, "\(name) is written in the configuration"))
      }
    }
    return found
  }
}
