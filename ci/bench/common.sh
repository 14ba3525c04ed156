# Sourced by the benchmarks: the scratch folder, a virtual environment holding the peer tool, and
# a release build of parapet (the one README's set-up makes).
#   bench_setup PIP_REQUIREMENT TOOL_NAME
# sets $work, $tool (the peer's executable) and $parapet.
bench_setup() {
  work=${BENCH_DIR:-$(mktemp -d -t parapet-bench.XXXXXX)}
  mkdir -p "$work"
  echo "bench folder: $work"
  if [ ! -x "$work/venv/bin/$2" ]; then
    [ -x "$work/venv/bin/pip" ] || python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet "$1"
  fi
  tool="$work/venv/bin/$2"
  # The binary README's set-up builds: the Swift runtime and Foundation linked in, which halves
  # the time parapet takes to start.
  swift build -c release --static-swift-stdlib --product parapet >/dev/null
  parapet="$(swift build -c release --static-swift-stdlib --show-bin-path)/parapet"
}
