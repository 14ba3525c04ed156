#!/usr/bin/env bash
# Formats the Swift sources with the toolchain's own swift-format (no package dependency), then
# lints them strictly. `ci/format.sh --check` only lints.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Sources Tests Fuzz)
if [ "${1:-}" != "--check" ]; then
  swift format format --in-place --recursive --parallel "${paths[@]}"
fi
swift format lint --strict --recursive --parallel "${paths[@]}"
