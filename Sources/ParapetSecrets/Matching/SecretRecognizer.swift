import Foundation
import ParapetCore

/// The secret rules as the redaction gate's recognizer: every job's quoted text is masked where
/// a rule would report a secret. The default rules are compiled on the first text checked, so a
/// run that quotes nothing does not pay for them.
public final class SecretRecognizer: CredentialRecognizer, @unchecked Sendable {
  private let lock = NSLock()
  private let makeRuleSet: @Sendable () throws -> RuleSet
  private var scanner: ContentScanner?
  private var failed = false

  /// A recognizer over the embedded default rules.
  public convenience init() {
    self.init { try RuleCatalog.ruleSet(gitleaksConfig: nil, allowlist: AllowlistSpec()) }
  }

  /// A recognizer over a rule set, built when first needed.
  /// - Parameter makeRuleSet: builds the rules.
  public init(_ makeRuleSet: @escaping @Sendable () throws -> RuleSet) {
    self.makeRuleSet = makeRuleSet
  }

  public func credentialRanges(in bytes: [UInt8]) -> [Range<Int>] {
    lock.lock()
    defer { lock.unlock() }
    if scanner == nil && !failed {
      do { scanner = ContentScanner(ruleSet: try makeRuleSet()) } catch { failed = true }
    }
    guard let scanner else { return [] }
    return bytes.withUnsafeBufferPointer { scanner.secretRanges($0, path: "") }
  }
}
