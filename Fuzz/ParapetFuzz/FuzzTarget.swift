/// One parser under the fuzzer: what it is called, which fixture files seed it, and how an input
/// reaches it.
struct FuzzTarget: Sendable {
  let name: String
  /// Whether a fixture of this file name seeds the target.
  let seeds: @Sendable (String) -> Bool
  /// Loads what every input shares (rules, catalogs, a database), before the first input, so
  /// that libFuzzer does not count it against the first input's time.
  let prepare: @Sendable () -> Void
  /// Feeds one input to the parser. Errors are the parser's answer to bad input, not a finding:
  /// the fuzzer looks for crashes, memory errors, hangs and runaway memory.
  let run: @Sendable ([UInt8]) -> Void

  init(
    _ name: String, seeds: @escaping @Sendable (String) -> Bool,
    prepare: @escaping @Sendable () -> Void = {}, run: @escaping @Sendable ([UInt8]) -> Void
  ) {
    self.name = name
    self.seeds = seeds
    self.prepare = prepare
    self.run = run
  }
}

/// Every target, in the order `ci/fuzz.sh` runs them.
enum FuzzTargets {
  static let all: [FuzzTarget] =
    LockfileTargets.all + [OSVTarget.target] + GatewayTargets.all + ConfigTargets.all
    + SignatureTargets.all + [GitPackTarget.target] + LicenseTargets.all + ReportTargets.all + [
      SecretsTarget.target
    ]
    + ImageTargets.all
}
