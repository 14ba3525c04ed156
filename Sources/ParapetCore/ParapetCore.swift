// ParapetCore holds the model every job and every report shares, and nothing that knows a job.
//
// Design choices:
// - A `Finding` never carries a clear secret: jobs hand over redacted text and digests only, so
//   report writers cannot leak what they never see.
// - Fingerprints are built from rule, path and matched content, never from line numbers, so a
//   baseline survives unrelated edits above a finding.
// - `JobRunner` isolates jobs: a job that throws becomes a failed `JobResult` with an error
//   notification, and the other jobs' findings are still reported.
