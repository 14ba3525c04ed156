#!/usr/bin/env bash
# Benchmarks parapet gateway against gixy-ng on nginx configuration: (a) 100 site files included
# by one nginx.conf, (b) one generated 30,000-line nginx.conf (ci/bench/make-nginx-configs.py).
# gixy reads a configuration from its main file with includes, as parapet does. Prints median
# wall times over RUNS alternating runs and the ratio.
#
#   ci/bench/gateway.sh [RUNS]        (default 5)
#
# Installs gixy-ng from PyPI into $BENCH_DIR's virtual environment. A benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
. ci/bench/common.sh
bench_setup "gixy-ng" gixy
gixy="$tool"
configs="$work/nginx-configs"
[ -d "$configs" ] || python3 ci/bench/make-nginx-configs.py "$configs"
results="$work/gateway-results.jsonl"
python3 ci/bench/timecmd.py "$runs" \
  "parapet sites=$parapet gateway $configs/sites --fail-on critical --quiet" \
  "gixy sites=$gixy $configs/sites/nginx.conf" \
  "parapet large=$parapet gateway $configs/large --fail-on critical --quiet" \
  "gixy large=$gixy $configs/large/nginx.conf" > "$results"
python3 - "$results" "$runs" <<'PY'
import json, sys
rows = {json.loads(l)["name"]: json.loads(l) for l in open(sys.argv[1])}
print()
print(f"median of {sys.argv[2]} alternating runs; peak = largest resident set size")
print(f"{'':<22}{'parapet':>10}{'gixy-ng':>10}{'ratio':>8}{'parapet peak':>14}{'gixy peak':>11}")
for case, label in [("sites", "100 files + includes"), ("large", "30,000-line file")]:
    p, g = rows[f"parapet {case}"], rows[f"gixy {case}"]
    print(f"{label:<22}{p['median']*1000:>8.0f}ms{g['median']*1000:>8.0f}ms{p['median']/g['median']:>8.2f}"
          f"{p['peak_kib']/1024:>11.1f}MiB{g['peak_kib']/1024:>8.1f}MiB")
PY
