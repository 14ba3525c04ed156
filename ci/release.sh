#!/usr/bin/env bash
# Builds the release: dist/parapet-<version>-linux-x86_64.tar.gz (a folder with parapet, LICENSE,
# README.md, shell completions and the man page) and its .sha256, the binary's debug info beside
# it, and the container image as dist/parapet-<version>-oci.tar.
#
# The binary needs nothing but glibc: libgit2 (with mbedTLS, http-parser, libssh2), PCRE2,
# OpenSSL, libxml2, zlib, libzstd, SQLite and liblzma are linked from Debian's static archives, the
# Swift runtime, Foundation, libstdc++ and libgcc statically. libcurl is opened at run time by `db update`
# only. ci/release/static-stubs.c stands in for GSSAPI and ICU's converters, and
# ci/release/trim-icu-data.py for the 34 MB of ICU data Foundation carries (see there why).
#
# It builds the committed tree (git archive HEAD), so a dirty work tree does not leak into a
# release, in a fixed folder with a fixed date (SOURCE_DATE_EPOCH, default the commit's date):
# two runs give byte-identical tarballs. Needs: bash ci/install-deps.sh, and buildah for the
# image (`--no-image` skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
image=1
[ "${1:-}" = "--no-image" ] && image=0

version=$(sed -n 's/^  static let version = "\(.*\)"$/\1/p' Sources/parapet/Parapet.swift)
commit=$(git rev-parse HEAD)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct HEAD)}
date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
name="parapet-$version-linux-x86_64"
work="$root/.build-release"
dist="$root/dist"
arch=$(gcc -print-multiarch)
started=$(date +%s)

rm -rf "$work/src" "$work/static" "$work/pkgconfig" "$work/icu" "$work/$name"
mkdir -p "$work/src" "$work/static" "$work/pkgconfig" "$dist"

# The committed tree, with the release's build facts.
git archive HEAD | tar -x -C "$work/src"
cat > "$work/src/Sources/parapet/BuildInfo.swift" <<SWIFT
// Written by ci/release.sh for the release build.
enum BuildInfo {
  static let commit: String? = "$commit"
  static let date: String? = "$date"
}
SWIFT

# Static archives only, in one folder, and pkg-config files that name that folder alone: the
# linker then cannot pick a shared library.
for lib in git2 mbedtls mbedx509 mbedcrypto http_parser ssh2 pcre2-8 ssl crypto xml2 z lzma zstd \
  sqlite3; do
  ln -s "/usr/lib/$arch/lib$lib.a" "$work/static/lib$lib.a"
done
ln -s "$(gcc -print-file-name=libstdc++.a)" "$work/static/libstdc++.a"
gcc -O2 -c ci/release/static-stubs.c -o "$work/static/static-stubs.o"
ar rcsD "$work/static/libparapet-stubs.a" "$work/static/static-stubs.o"
swift_static="$(dirname "$(dirname "$(command -v swift)")")/lib/swift_static/linux"
python3 ci/release/trim-icu-data.py "$swift_static/lib_FoundationICU.a" "$work/icu"
# The trimmed data is a target of the release copy's package, so that its object comes before
# the toolchain's archives on the link line and the archive's own copy is never pulled in.
mkdir -p "$work/src/Sources/ICUData/include"
cp "$work/icu/icudata.S" "$work/src/Sources/ICUData/icudata.S"
cat >> "$work/src/Package.swift" <<'SWIFT'

// Added by ci/release.sh: the trimmed ICU data, linked into the release binary only.
package.targets.append(.target(name: "ICUData"))
package.targets.first { $0.name == "parapet" }?.dependencies.append("ICUData")
SWIFT
pc() {
  printf 'Name: %s\nDescription: static, for the release\nVersion: 0\nCflags: %s\nLibs: -L%s %s\n' \
    "$1" "$(pkg-config --cflags "$1")" "$work/static" "$2" > "$work/pkgconfig/$1.pc"
}
pc libgit2 "-lgit2 -lmbedtls -lmbedx509 -lmbedcrypto -lhttp_parser -lssh2 -lz -lparapet-stubs"
pc libpcre2-8 "-lpcre2-8"
pc openssl "-lssl -lcrypto"
pc libxml-2.0 "-lxml2 -llzma -lz -lparapet-stubs"
pc zlib "-lz"
pc libzstd "-lzstd"
pc sqlite3 "-lsqlite3"

# Two things differ between clean builds of the same source although the code does not, and
# are turned off so that two builds are byte-identical: incremental LLVM code generation stamps
# each object with a hash of its LLVM module (.swift_modhash, an allocated section), and the
# debug info's "breadcrumbs" to the Clang modules carry each module's build signature.
PKG_CONFIG_PATH="$work/pkgconfig" swift build -c release --static-swift-stdlib \
  --package-path "$work/src" --scratch-path "$work/build" \
  -Xswiftc -Xclang-linker -Xswiftc -static-libgcc \
  -Xswiftc -Xfrontend -Xswiftc -disable-incremental-llvm-codegen \
  -Xswiftc -Xfrontend -Xswiftc -no-clang-module-breadcrumbs
binary="$work/build/release/parapet"

# The release folder: the stripped binary, its debug info kept beside the tarball.
mkdir -p "$work/$name"
objcopy --only-keep-debug "$binary" "$dist/$name.debug"
objcopy --strip-all --add-gnu-debuglink="$dist/$name.debug" "$binary" "$work/$name/parapet"
cp LICENSE README.md "$work/$name/"
for shell in bash zsh fish; do
  "$work/$name/parapet" completion "$shell" > "$work/$name/parapet.$shell" 2>/dev/null \
    || rm -f "$work/$name/parapet.$shell"
done
[ -d docs/man ] && cp -r docs/man "$work/$name/man"
find "$work/$name" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C "$work" -cf - "$name" | gzip -9n > "$dist/$name.tar.gz"
(cd "$dist" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")

if [ "$image" = 1 ]; then
  bash ci/release/image.sh "$work/$name/parapet" "$dist/parapet-$version-oci.tar" "$version"
fi

size=$(stat -c %s "$work/$name/parapet")
echo "wrote $dist/$name.tar.gz ($(stat -c %s "$dist/$name.tar.gz") bytes; binary $size bytes, $((size / 1048576)) MiB) in $(($(date +%s) - started)) s"
[ "$size" -le $((64 * 1048576)) ] || { echo "the binary is over 64 MiB" >&2; exit 1; }
