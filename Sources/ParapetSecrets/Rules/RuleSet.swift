import ParapetCore

/// The compiled, immutable set of rules a scan runs, shared by every worker.
public final class RuleSet: Sendable {
  public let rules: [SecretRule]
  let automaton: KeywordAutomaton
  /// Keyword index → the rules that name it.
  let rulesByKeyword: [[Int]]
  /// Rules that name no keyword: they run on every buffer.
  let unconditionalRules: [Int]
  let patterns: [LazyPattern]
  let pathPatterns: [PCRE2Pattern?]
  let ruleAllowlists: [CompiledAllowlist]
  let globalAllowlist: CompiledAllowlist

  /// Compiles rules and allowlists.
  /// - Parameters:
  ///   - rules: the rules; ids must be unique.
  ///   - allowlist: the global allowlist.
  /// - Throws: `ParapetSecretsError.invalidRegex` naming a rule whose path or allowlist regex is bad.
  public init(rules: [SecretRule], allowlist: AllowlistSpec) throws {
    self.rules = rules
    var keywordIndex: [String: Int] = [:]
    var byKeyword: [[Int]] = []
    var unconditional: [Int] = []
    for (ruleIndex, rule) in rules.enumerated() {
      if rule.keywords.isEmpty { unconditional.append(ruleIndex) }
      for keyword in Set(rule.keywords) {
        let index =
          keywordIndex[keyword]
          ?? {
            keywordIndex[keyword] = byKeyword.count
            byKeyword.append([])
            return byKeyword.count - 1
          }()
        byKeyword[index].append(ruleIndex)
      }
    }
    let keywords = keywordIndex.sorted { $0.value < $1.value }.map(\.key)
    automaton = KeywordAutomaton(keywords: keywords)
    rulesByKeyword = byKeyword
    unconditionalRules = unconditional
    patterns = rules.map { LazyPattern($0.regex) }
    pathPatterns = try rules.map { rule in
      try rule.pathRegex.map { try Self.compile($0, for: rule) }
    }
    ruleAllowlists = try rules.map { rule in
      do { return try CompiledAllowlist(rule.allowlist) } catch {
        throw ParapetSecretsError.invalidRegex(rule.source, "rule '\(rule.id)' allowlist: \(error)")
      }
    }
    do {
      globalAllowlist = try CompiledAllowlist(allowlist)
    } catch {
      throw ParapetSecretsError.cannotScan("global allowlist: \(error)")
    }
  }

  /// Compiles every rule's pattern now, so that a user's bad regex fails before a scan starts.
  /// - Parameter ids: the rules to check; all when nil.
  /// - Throws: `ParapetSecretsError.invalidRegex` at the rule's line.
  public func validatePatterns(ids: Set<String>? = nil) throws {
    for (index, rule) in rules.enumerated() where ids?.contains(rule.id) ?? true {
      do { _ = try patterns[index].get() } catch {
        throw ParapetSecretsError.invalidRegex(rule.source, "rule '\(rule.id)': \(error)")
      }
    }
  }

  private static func compile(_ regex: String, for rule: SecretRule) throws -> PCRE2Pattern {
    do { return try PCRE2Pattern(regex) } catch {
      throw ParapetSecretsError.invalidRegex(rule.source, "rule '\(rule.id)' path: \(error)")
    }
  }
}
