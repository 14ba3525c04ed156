// ParapetSecrets finds secrets in bytes: the work tree, the staged change, a commit range or the
// whole history.
//
// Design choices:
// - Rules are data (`rules/secrets/*.toml`, embedded at build time); a `RuleSet` is compiled once
//   and shared read-only by every worker.
// - A keyword automaton finds which rules can match a buffer in one pass; only those rules'
//   PCRE2 patterns run, JIT-compiled on first use so a pre-commit scan compiles only what it needs.
// - Each worker owns its scratch (match data, JIT stack) and reuses it for every buffer; the scan
//   loop works on bytes and allocates only when it makes a finding.
// - The clear secret never leaves this module: findings carry the redacted form and a digest.
