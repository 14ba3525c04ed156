import ParapetSecrets

/// The secrets job over one input as standard input: the keyword automaton, every rule's
/// pattern, entropy and validators, the decoding of base64 and hex segments, and the findings'
/// redaction.
enum SecretsTarget {
  static let target = FuzzTarget(
    "secrets", seeds: { _ in true }, prepare: { _ = ruleSet },
    run: { bytes in
      var options = SecretsOptions()
      options.mode = .standardInput(bytes)
      runToEnd(SecretsJob(options: options, ruleSet: ruleSet), files: [:])
    })

  private static let ruleSet: RuleSet = {
    do {
      return try RuleCatalog.ruleSet(gitleaksConfig: nil, allowlist: AllowlistSpec())
    } catch {
      fail("the embedded rules do not load: \(error)")
    }
  }()
}
