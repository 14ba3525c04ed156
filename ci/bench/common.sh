# Sourced by the benchmarks: the scratch folder, a virtual environment holding the peer tool, and
# a release build of parapet.
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
  swift build -c release --product parapet >/dev/null
  parapet="$(swift build -c release --show-bin-path)/parapet"
}
