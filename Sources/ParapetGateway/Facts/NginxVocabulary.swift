/// Judgements on nginx values, shared by nginx files and the ingress-nginx controller's
/// ConfigMap, whose keys take the same values (`ssl-protocols`, `ssl-ciphers`,
/// `log-format-upstream`).
enum NginxVocabulary {
  private static let obsoleteProtocols: Set<String> = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1"]
  private static let weakCiphers = [
    "RC4", "DES", "3DES", "MD5", "NULL", "EXPORT", "aNULL", "eNULL",
  ]
  /// What an audit log needs, each with the variables that provide it.
  private static let auditFields: [(name: String, variables: [String])] = [
    ("request id", ["$request_id", "$req_id"]),
    ("client", ["$remote_addr", "$binary_remote_addr"]),
    ("method and path", ["$request", "$request_method"]), ("status", ["$status"]),
    ("response time", ["$request_time"]), ("user agent", ["$http_user_agent"]),
    ("bytes sent", ["$bytes_sent", "$body_bytes_sent"]), ("bytes received", ["$request_length"]),
    ("timestamp", ["$time_iso8601", "$time_local", "$msec"]),
  ]
  private static let credentialVariables = [
    "$http_authorization", "$http_x_api_key", "$http_cookie",
  ]

  /// The obsolete protocols among `ssl_protocols` tokens (exact tokens: TLSv1 is not TLSv1.2).
  static func obsoleteProtocols(_ tokens: [String]) -> [String] {
    tokens.filter(obsoleteProtocols.contains)
  }

  /// The suites of an OpenSSL cipher string that allow weak ciphers (negated ones excepted).
  static func weakSuites(_ ciphers: String) -> [String] {
    ciphers.split(whereSeparator: { $0 == ":" || $0 == " " }).map(String.init).filter { suite in
      !suite.hasPrefix("!") && !suite.hasPrefix("-")
        && weakCiphers.contains { suite.uppercased().contains($0.uppercased()) }
    }
  }

  /// The audit fields a log format leaves out.
  static func missingAuditFields(_ format: String) -> [String] {
    auditFields.filter { field in !field.variables.contains { format.contains($0) } }.map(\.name)
  }

  /// The credential-bearing variables a log format writes.
  static func loggedCredentials(_ format: String) -> [String] {
    credentialVariables.filter(format.contains)
  }
}
