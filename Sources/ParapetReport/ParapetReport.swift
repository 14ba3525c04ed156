// ParapetReport writes what a run found as SARIF 2.1.0, JUnit XML, JSON and a terminal summary.
//
// Design choices:
// - Writers see only ParapetCore's model, never a job's types, and pick their fields explicitly.
// - Output is deterministic: sorted keys, findings in report order (job, path, line, rule), and
//   the run's start time passed in, so golden files can be compared byte for byte.
// - All writers read the same `RunReport`, so they carry the same findings, counts and
//   fingerprints.
