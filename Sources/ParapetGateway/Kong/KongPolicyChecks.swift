import Foundation
import Yams

extension KongAnalysis {
  private static let authenticators: Set<String> = [
    "key-auth", "jwt", "oauth2", "basic-auth", "hmac-auth",
  ]

  /// Steps 1, 2, 3 and 5 for a route's plugins in force: response headers, CORS,
  /// authentication limits, the rejection status, and limits by client address behind
  /// authentication.
  mutating func checkRoutePolicies(_ route: KongDocument.Route, plugins: [String: Node]) {
    let name = route.node["name"]?.string ?? "unnamed"
    let anchor = route.node["name"] ?? route.node
    let protocols = (route.node["protocols"]?.array() ?? []).compactMap(\.string)
    if protocols.isEmpty || protocols.contains("https") {
      let added = (plugins["response-transformer"]?["config"]?["add"]?["headers"]?.array() ?? [])
        .compactMap { $0.string?.split(separator: ":").first?.lowercased() }
      let missing = ResponseHeaders.requiredLowercased.filter { !added.contains($0) }
      if !missing.isEmpty {
        report(
          "GW-HDR-001", at: plugins["response-transformer"] ?? anchor,
          "route \(name) sends no \(missing.joined(separator: ", ")) (response-transformer config.add.headers)"
        )
      }
      if !added.contains("strict-transport-security") {
        report(
          "GW-TLS-003", at: plugins["response-transformer"] ?? anchor,
          "route \(name) sends no Strict-Transport-Security (response-transformer config.add.headers)"
        )
      }
    }
    if let cors = plugins["cors"] { checkCORS(cors, owner: "route \(name)") }
    let limit = plugins["rate-limiting"] ?? plugins["rate-limiting-advanced"]
    let paths = (route.node["paths"]?.array() ?? []).compactMap(\.string)
    if let limit, let config = limit["config"], paths.contains(where: AuthPath.matches) {
      // rate-limiting sets per second or minute; rate-limiting-advanced sets limits over
      // window sizes in seconds.
      var perMinute = config["minute"]?.int ?? config["second"]?.int.map { $0 * 60 }
      if perMinute == nil, let limit = config["limit"]?.array().first?.int,
        let window = config["window_size"]?.array().first?.int, window > 0
      {
        perMinute = limit * 60 / window
      }
      if let perMinute, perMinute > thresholds.authRequestsPerMinute {
        report(
          "GW-RL-003", at: config["minute"] ?? config["second"] ?? limit,
          "route \(name) authenticates under a limit of \(perMinute) per minute, over \(thresholds.authRequestsPerMinute)"
        )
      }
    }
    if let limit {
      checkRateLimit(
        limit, owner: "route \(name)",
        authenticated: !Self.authenticators.isDisjoint(with: plugins.keys))
    }
  }

  /// A consumer-scoped plugin: CORS and rate limits apply to that consumer's requests.
  mutating func checkConsumerPlugin(_ plugin: Node, consumer: String) {
    switch plugin["name"]?.string {
    case "cors": checkCORS(plugin, owner: "consumer \(consumer)")
    case "rate-limiting", "rate-limiting-advanced":
      checkRateLimit(plugin, owner: "consumer \(consumer)", authenticated: true)
    default: break
    }
  }

  /// Step 7 for key-auth credentials: lifetime and strength.
  mutating func checkCredential(_ credential: Node, consumer: String) {
    let ttl = credential["ttl"]
    if (ttl?.int ?? 0) == 0 || (ttl?.int ?? 0) > thresholds.keyMaxTTL {
      report(
        "GW-KEY-003", at: ttl ?? credential["key"] ?? credential,
        "consumer \(consumer): a key-auth credential \(ttl?.int.map { "lives \($0) s, over \(thresholds.keyMaxTTL)" } ?? "never expires (no ttl)")"
      )
    }
    if let key = credential["key"], let text = key.string, !LiteralKey.isReference(text),
      let weakness = LiteralKey.weakness(text, minimumLength: thresholds.keyMinLength)
    {
      // The value is the credential: the message never quotes it.
      report("GW-KEY-004", at: key, "consumer \(consumer): a key-auth key is \(weakness)")
    }
  }

  /// Step 2 for a cors plugin: any origin (with credentials: critical), weak or over-broad
  /// allowlist entries, and the preflight's reach.
  private mutating func checkCORS(_ cors: Node, owner: String) {
    let config = cors["config"]
    let origins = (config?["origins"]?.array() ?? []).compactMap(\.string)
    let credentials = config?["credentials"]?.bool == true
    if origins.isEmpty || origins.contains("*") {
      report(
        credentials ? "GW-CORS-001" : "GW-CORS-002", at: config?["origins"] ?? cors,
        "\(owner): the cors plugin allows any origin\(credentials ? " with credentials" : "")")
    }
    for (index, origin) in origins.enumerated() where origin != "*" {
      let node = config?["origins"]?.array()[index]
      if let weakness = CORSOrigin.weakness(origin) {
        report("GW-CORS-004", at: node, "\(owner): the cors plugin \(weakness)")
      } else if CORSOrigin.isBroadPattern(origin) {
        report(
          "GW-CORS-003", at: node,
          "\(owner): the origin pattern \(origin) is unanchored or over-broad")
      }
    }
    for key in ["headers", "methods"] {
      if (config?[key]?.array() ?? []).contains(where: { $0.string == "*" }) {
        report("GW-CORS-005", at: config?[key], "\(owner): the cors plugin allows \(key) \"*\"")
      }
    }
    if let age = config?["max_age"], let seconds = age.int, seconds > thresholds.corsMaxAge {
      report(
        "GW-CORS-005", at: age,
        "\(owner): preflights are cached for \(seconds) s, over \(thresholds.corsMaxAge)")
    }
  }

  private mutating func checkRateLimit(_ limit: Node, owner: String, authenticated: Bool) {
    let config = limit["config"]
    if let code = config?["error_code"], let value = code.int, value != 429 {
      report("GW-RL-004", at: code, "\(owner): rate-limited requests get \(value)")
    }
    if authenticated, let by = config?["limit_by"], by.string == "ip" {
      report(
        "GW-RL-005", at: by,
        "\(owner): callers are authenticated but limits count by client address (limit_by ip)")
    }
  }
}
