// ParapetGit is the only module that touches libgit2: repositories, the index, commit walks,
// tree diffs, blobs and the added lines of a change.
//
// Design choices:
// - A libgit2 repository handle is not thread-safe, so each worker opens its own
//   `GitRepository`; the values this module returns (ids, changes, commit facts) are plain
//   Sendable data that cross tasks freely.
// - Missing objects (a shallow boundary, a corrupt pack) are reported as errors of the one
//   commit or blob they concern, so a caller can scan the rest and say what it could not.
