// ParapetDeps reads lockfiles into a dependency graph and matches it against an offline OSV
// database with each ecosystem's own version ordering.
//
// Design choices:
// - One comparator per version scheme (`Versions/`), each tested against the osv-scalibr
//   conformance fixtures; an ecosystem names its scheme, so matching never guesses.
// - Version strings are compared as text where they may exceed machine integers (digit runs are
//   compared by length, then lexically), so a 30-digit build number cannot overflow.
