#!/usr/bin/env bash
# Installs what Parapet builds and tests with, from Debian's packages: the C libraries it links
# (libgit2, PCRE2, OpenSSL, libxml2), libcurl's header (libcurl itself is opened only when
# `parapet db update` downloads), git, gpg and ssh-keygen for the fixture repositories (the
# signed-commit fixture signs with them; parapet itself never runs them), python3-jsonschema,
# which the report tests use to validate SARIF against the official schema, and python3-yaml,
# with which ci/embed-rules.sh writes the gateway rules as JSON.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends \
  libgit2-dev libpcre2-dev libssl-dev libxml2-dev libcurl4-openssl-dev pkg-config git python3 \
  python3-jsonschema python3-yaml gnupg openssh-client
