#!/usr/bin/env bash
# Benchmarks parapet signatures against git log --format='%H %G?' on a generated repository of
# COUNT commits signed alternately with SSH ed25519 and OpenPGP Ed25519 (ci/bench/make-signed-repo.py),
# both given the same trust: the allowed signers file and the OpenPGP key. git starts one
# ssh-keygen or gpg process per commit; parapet verifies in-process on every core. Prints median
# wall times over RUNS alternating runs, the ratio, peak memory, and whether both gave every
# commit the same letter.
#
#   ci/bench/signatures.sh [RUNS] [COUNT]        (defaults 3 and 10000)
#
# Needs git, ssh-keygen and gpg; generating 10,000 signatures takes a few minutes and is kept in
# $BENCH_DIR. A benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
count=${2:-10000}
work=${BENCH_DIR:-$(mktemp -d -t parapet-bench.XXXXXX)}
mkdir -p "$work"
echo "bench folder: $work"
swift build -c release --product parapet >/dev/null
parapet="$(swift build -c release --show-bin-path)/parapet"
fixture="$work/signed-$count"
[ -d "$fixture/repo" ] || python3 ci/bench/make-signed-repo.py "$fixture" "$count"

git_log="git -C $fixture/repo -c gpg.ssh.allowedSignersFile=$fixture/keys/allowed_signers -c gpg.program=$fixture/gpg-wrapper log --format='%H %G?' main"
ours="$parapet signatures $fixture/repo --signatures-range main --allowed-signers $fixture/keys/allowed_signers --openpgp-keys $fixture/keys/trusted.asc --fail-on critical"
results="$work/signatures-results.jsonl"
python3 ci/bench/timecmd.py "$runs" "parapet signatures=$ours" "git log=$git_log" > "$results"
eval "$git_log" > "$work/git-letters.txt"
$ours --json "$work/parapet-signatures.json" >/dev/null
python3 - "$results" "$runs" "$work/git-letters.txt" "$work/parapet-signatures.json" <<'PY'
import json, sys
rows = {json.loads(l)["name"].split()[0]: json.loads(l) for l in open(sys.argv[1])}
p, g = rows["parapet"], rows["git"]
print()
print(f"median of {sys.argv[2]} alternating runs; peak = largest resident set size")
print(f"{'':<11}{'parapet':>10}{'git':>10}{'ratio':>8}{'parapet peak':>14}{'git peak':>10}")
print(f"{'signatures':<11}{p['median']*1000:>8.0f}ms{g['median']*1000:>8.0f}ms{p['median']/g['median']:>8.3f}"
      f"{p['peak_kib']/1024:>11.1f}MiB{g['peak_kib']/1024:>7.1f}MiB")
git = dict(line.split() for line in open(sys.argv[3]) if line.strip())
ours = json.load(open(sys.argv[4]))["jobs"][0]["checkedDetails"]
same = sum(1 for sha, letter in git.items() if ours.get(sha, {}).get("letter") == letter)
print(f"commits: {len(git)}; same letter as git: {same}")
PY
