#!/usr/bin/env bash
# Fuzzes every parser with libFuzzer and AddressSanitizer (both ship with the Swift toolchain).
#
#     ci/fuzz.sh SECONDS [TARGET...]
#
# Builds `parapet-fuzz` (Fuzz/ParapetFuzz) into .build-fuzz, gathers seeds, and runs each target
# (all of them by default; `parapet-fuzz --list` names them) for SECONDS, or until
# PARAPET_FUZZ_RUNS inputs when that is set. Seeds: every fixture the tests write (ci/test.sh runs
# them with PARAPET_FUZZ_SEEDS; run here, the tests are run for it), the advisories and license
# texts of ../shared/data, the golden reports, and the signatures, keys and objects of the
# signed-commit fixture, the Dockerfile fixtures, two packs of a small generated history, and
# this machine's dpkg database and os-release. The corpus grows in .build-fuzz/corpus across runs. A crash, memory
# error, hang (10 s) or runaway memory (2 GiB) leaves its input in .build-fuzz/crashes/ and makes
# the script exit 1, after every target has run.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: ci/fuzz.sh SECONDS [TARGET...]" >&2; exit 2; }
seconds=$1
shift
shared=$(cd ../shared && pwd)
work=.build-fuzz
seeds=$work/seeds
fuzz=$work/release/parapet-fuzz
# Leak checking is off: the Swift runtime keeps caches that LeakSanitizer reports, and checking
# costs most of each run. Crashes, memory errors, hangs and memory blow-ups are what is sought.
export ASAN_OPTIONS=detect_leaks=0
# A Swift runtime trap (an index out of range) is a crash libFuzzer reports itself: Swift's own
# backtracer would read the dying process's memory under AddressSanitizer, which reports that
# as an "unknown-crash" in CrashHandlerLinux and hangs a replay of the input.
export SWIFT_BACKTRACE=enable=no

mkdir -p "$work"
if ! PARAPET_FUZZ=1 swift build -c release --scratch-path "$work" --product parapet-fuzz \
  --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing \
  > "$work/build.log" 2>&1; then
  grep -E "error:" "$work/build.log" >&2 || tail -20 "$work/build.log" >&2
  echo "ci/fuzz.sh: the fuzz build failed; see $work/build.log" >&2
  exit 1
fi

# Adds one seed: seed NAME FILE.
seed() {
  mkdir -p "$seeds/$1"
  cp "$2" "$seeds/$1/$(sha256sum "$2" | cut -c1-16)"
}

if [ ! -d "$seeds" ]; then
  echo "fuzz: collecting the tests' fixtures as seeds (swift test)"
  PARAPET_FUZZ_SEEDS="$PWD/$seeds" swift test --disable-swift-testing > "$work/seed-tests.log" 2>&1 \
    || { echo "fuzz: the tests failed; see $work/seed-tests.log" >&2; exit 1; }
fi
if [ ! -d "$seeds/commit" ]; then
  fixture=$(mktemp -d)
  trap 'rm -rf "$fixture"' EXIT
  FIXTURE_NO_ASSERT=1 bash "$shared/fixtures-recipes/make-signed-repo.sh" "$fixture/f" > /dev/null 2>&1
  repo=$fixture/f/repo
  for id in $(git -C "$repo" rev-list --all); do
    git -C "$repo" cat-file commit "$id" > "$fixture/object"
    seed commit "$fixture/object"
    # The signature header's value, without the continuation lines' leading space.
    sed -n '/^gpgsig/,/-----END/p' "$fixture/object" | sed 's/^gpgsig //; s/^ //' > "$fixture/sig"
    [ -s "$fixture/sig" ] && seed commit.sig "$fixture/sig"
  done
  for tag in $(git -C "$repo" tag); do
    git -C "$repo" cat-file tag "$tag" > "$fixture/object" 2>/dev/null && seed tag "$fixture/object"
  done
  for key in "$fixture"/f/keys/*.pub; do seed "$(basename "$key")" "$key"; done
  seed allowed_signers "$fixture/f/keys/allowed_signers"
  for home in "$fixture"/f/gnupg*; do
    gpg --homedir "$home" --export --armor > "$fixture/keys.asc" 2> /dev/null
    seed keyring.asc "$fixture/keys.asc"
    gpg --homedir "$home" --export > "$fixture/keys.gpg" 2> /dev/null
    seed keyring.gpg "$fixture/keys.gpg"
  done
  # Every tenth advisory: the ecosystems and shapes of records, not thousands of near-copies.
  find "$shared/data/advisories" -name '*.json' | sort | awk 'NR % 10 == 1' |
    while read -r file; do seed "$(basename "$file")" "$file"; done
  for file in "$shared"/data/spdx/text/*.txt; do seed LICENSE "$file"; done
  for expression in "MIT" "Apache-2.0 OR MIT" "(MIT AND BSD-3-Clause) OR GPL-2.0-or-later" \
    "GPL-2.0-only WITH Classpath-exception-2.0" "LicenseRef-Proprietary" "MIT/Apache-2.0" \
    "Apache License, Version 2.0" "GPL-2+ and (Artistic or GPL-1+) and BSD-3-clause" \
    "GPLv3+ with exceptions"; do
    printf '%s' "$expression" > "$fixture/expression"
    seed license-expression "$fixture/expression"
  done
  for file in fixtures/gateway/dockerfile/*.Dockerfile fixtures/gateway/hardened/Dockerfile; do
    seed Dockerfile "$file"
  done
  # The first stanzas of this machine's dpkg database, and its os-release, as images hold them.
  awk 'BEGIN { RS = ""; ORS = "\n\n" } NR <= 30' /var/lib/dpkg/status > "$fixture/status"
  seed status "$fixture/status"
  seed os-release /etc/os-release
  seed report.json Tests/ParapetReportTests/Golden/report.json
  seed report.sarif Tests/ParapetReportTests/Golden/report.sarif
fi
if [ ! -d "$seeds/git-pack" ]; then
  # A file's growing versions, packed with deltas by offset and then by id; each seed is the
  # index's length (4 bytes, big-endian), the index, then the pack.
  packs=$(mktemp -d)
  git -C "$packs" init -q
  for index in $(seq 1 40); do
    seq 1 $((index * 3)) > "$packs/file.txt"
    git -C "$packs" add file.txt
    git -C "$packs" -c user.name=Fuzz -c user.email=fuzz@example.org commit -qm "$index"
  done
  for by_offset in true false; do
    git -C "$packs" -c repack.useDeltaBaseOffset=$by_offset repack -adfq
    index=$(ls "$packs"/.git/objects/pack/*.idx)
    python3 -c 'import sys; i = open(sys.argv[1], "rb").read(); p = open(sys.argv[2], "rb").read(); sys.stdout.buffer.write(len(i).to_bytes(4, "big") + i + p)' \
      "$index" "${index%.idx}.pack" > "$packs/seed"
    seed git-pack "$packs/seed"
  done
  rm -rf "$packs"
fi
"$fuzz" --corpus "$work/corpus" "$seeds" > /dev/null

targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <("$fuzz" --list)
mkdir -p "$work/crashes" "$work/logs"
runs=()
[ -n "${PARAPET_FUZZ_RUNS:-}" ] && runs=("-runs=$PARAPET_FUZZ_RUNS")
failed=0
printf '%-20s %12s %10s %8s  %s\n' target executions per-second corpus result
for target in "${targets[@]}"; do
  log=$work/logs/$target.log
  mkdir -p "$work/corpus/$target"
  if "$fuzz" "$target" "$work/corpus/$target" -max_total_time="$seconds" "${runs[@]}" \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$work/crashes/$target-" > "$log" 2>&1; then
    result=ok
  else
    reason='Assertion|Swift runtime failure|Fatal error|ERROR: (AddressSanitizer|libFuzzer)|timeout'
    result="CRASH: $(grep -m1 -o -E "($reason).{0,100}" "$log" || echo "see $log")"
    failed=1
  fi
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  corpus=$(find "$work/corpus/$target" -type f | wc -l)
  printf '%-20s %12s %10s %8s  %s\n' "$target" "${executions:-?}" "${speed:-?}" "$corpus" "$result"
done
if [ "$failed" = 1 ]; then
  echo "fuzz: inputs that fail are in $work/crashes/; replay one with $fuzz TARGET FILE" >&2
  exit 1
fi
