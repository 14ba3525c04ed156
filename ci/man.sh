#!/usr/bin/env bash
# Regenerates docs/man/parapet.1 from the command definitions with swift-argument-parser's
# GenerateManual plugin (one page, every subcommand in it), dated by the last commit, and
# records the hash of the command line it describes (`parapet --experimental-dump-help`) in
# docs/man/parapet.1.sha256. A test compares that hash with the built binary's, so a change to
# a flag without regenerating the page fails the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
date=$(git log -1 --format=%cs HEAD)
swift package --allow-writing-to-package-directory generate-manual --date "$date" > /dev/null
cp .build/plugins/GenerateManual/outputs/parapet/parapet.1 docs/man/parapet.1
swift build > /dev/null
.build/debug/parapet --experimental-dump-help | sha256sum | cut -d' ' -f1 > docs/man/parapet.1.sha256
echo "wrote docs/man/parapet.1 ($(wc -l < docs/man/parapet.1) lines)"
