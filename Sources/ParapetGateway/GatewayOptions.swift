import Foundation
import ParapetCore

/// What the gateway job reads and the limits its rules hold configurations to.
public struct GatewayOptions: Sendable {
  /// nginx's `--prefix`, against which relative includes resolve first; nil resolves them
  /// against the including file.
  public var nginxPrefix: URL?
  /// The formats read; the others are not looked for.
  public var formats: Set<GatewayFormat> = Set(GatewayFormat.allCases)
  /// The numbers rules compare against.
  public var thresholds = GatewayThresholds()
  /// Paths whose findings are dismissed, by rule.
  public var ignores: [PathIgnore] = []
  /// The root-relative files and folders to read (the PATHs of `parapet gateway`); empty reads
  /// the whole root. nginx includes are followed wherever they lead inside the root.
  public var only: [String] = []

  /// `[[gateway.ignore]]`: findings of some rules (all when `rules` is empty) in some paths.
  public struct PathIgnore: Sendable, Equatable {
    public var paths: [String]
    public var rules: [String]
    public var reason: String

    /// Whether this entry dismisses a rule's finding in a file.
    func covers(ruleId: String, path: String) -> Bool {
      (rules.isEmpty || rules.contains(ruleId))
        && paths.contains { PathPattern.matches(path, $0) }
    }
  }

  /// The defaults.
  public init() {}
}

/// The limits the checklist sets, which `.parapet.toml` can change.
public struct GatewayThresholds: Sendable, Equatable {
  /// The shortest HSTS max-age accepted, in seconds (a year).
  public var hstsMinAge = 31_536_000
  /// The longest CORS preflight cache accepted, in seconds (a day).
  public var corsMaxAge = 86_400
  /// The most requests per minute and client an authentication endpoint may allow.
  public var authRequestsPerMinute = 5
  /// The shortest literal API key accepted, in characters.
  public var keyMinLength = 32
  /// The longest client-certificate chain accepted.
  public var verifyDepth = 2
  /// The longest credential lifetime accepted, in seconds (90 days).
  public var keyMaxTTL = 7_776_000
  /// The longest JWT lifetime accepted, in seconds.
  public var jwtMaxExpiration = 3_600

  /// The defaults.
  public init() {}
}
