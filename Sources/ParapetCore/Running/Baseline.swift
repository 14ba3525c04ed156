import Foundation

/// Findings accepted as they are: a sorted list of salted fingerprint digests, never secrets.
///
/// The salt makes a leaked baseline useless for confirming a guessed secret: fingerprints are
/// already digests of digests, and salting them per baseline stops precomputed lookups.
public struct Baseline: Codable, Sendable {
  public struct Entry: Codable, Hashable, Sendable {
    public var digest: String
    public var job: String
    public var ruleId: String
    public var path: String?
    public var reason: String
    /// `YYYY-MM-DD`; after it the entry no longer suppresses.
    public var expires: String?
  }

  public var version = 1
  public var salt: String
  public var entries: [Entry]

  /// A baseline that accepts every finding of a run.
  /// - Parameters:
  ///   - findings: the findings to accept.
  ///   - reason: why they are accepted.
  ///   - expires: `YYYY-MM-DD` after which the entries stop accepting; nil for never.
  ///   - salt: hex salt; a fresh random one by default.
  /// - Returns: the baseline, its entries sorted.
  public static func accepting(
    _ findings: [Finding], reason: String, expires: String? = nil,
    salt: String = Fingerprint.randomHex(count: 16)
  ) -> Baseline {
    let entries = Set(
      findings.map { finding in
        Entry(
          digest: digest(finding.fingerprint, salt: salt), job: finding.job,
          ruleId: finding.ruleId, path: finding.location?.path, reason: reason, expires: expires)
      })
    return Baseline(
      salt: salt,
      entries: entries.sorted {
        ($0.path ?? "", $0.ruleId, $0.digest) < ($1.path ?? "", $1.ruleId, $1.digest)
      })
  }

  /// Reads a baseline file.
  /// - Parameters:
  ///   - url: the file.
  ///   - displayPath: its name in error messages.
  /// - Returns: the baseline.
  /// - Throws: `ParapetCoreError` when it is unreadable or not a Parapet baseline.
  public static func load(_ url: URL, displayPath: String) throws -> Baseline {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ParapetCoreError.io(path: displayPath, "cannot read baseline")
    }
    do {
      return try JSONDecoder().decode(Baseline.self, from: data)
    } catch {
      throw ParapetCoreError.invalidBaseline(
        SourceLocation(path: displayPath, line: 1), "not a parapet baseline: \(error)")
    }
  }

  /// The file's bytes: pretty, sorted keys, trailing newline.
  /// - Returns: JSON.
  /// - Throws: when encoding fails.
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self) + Data("\n".utf8)
  }

  /// Splits findings into those the baseline does not accept and a count of those it does, and
  /// lists entries that matched nothing.
  /// - Parameters:
  ///   - findings: one job's findings.
  ///   - today: `YYYY-MM-DD`, for expiry.
  /// - Returns: the remaining findings, the number suppressed and the matched digests.
  public func filter(_ findings: [Finding], today: String) -> (
    kept: [Finding], matched: Set<String>
  ) {
    let active = Set(entries.filter { ($0.expires ?? "9999-12-31") >= today }.map(\.digest))
    var matched: Set<String> = []
    let kept = findings.filter { finding in
      let digest = Self.digest(finding.fingerprint, salt: salt)
      guard active.contains(digest) else { return true }
      matched.insert(digest)
      return false
    }
    return (kept, matched)
  }

  private static func digest(_ fingerprint: String, salt: String) -> String {
    String(Fingerprint.sha256Hex(Array("\(salt):\(fingerprint)".utf8)).prefix(40))
  }
}
