#!/usr/bin/env bash
# Builds the container image from Containerfile with buildah, offline (FROM scratch: nothing is
# pulled), and saves it as an OCI archive. The binary needs glibc, which the image takes from
# this machine (Debian's libc6), with libcurl and what it loads, so that `parapet db update`
# works in the image too; busybox gives it a shell for CI templates' scripts. Then checks it the
# way a build machine can: unpacks the image's root file system from the archive and runs the
# binary in it with chroot, directly and from the shell as GitLab would (`podman run` may be
# refused where the build runs), and scans the image with the binary itself.
#
# Usage: ci/release/image.sh BINARY OUTPUT.tar VERSION
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=$1 output=$2 version=$3
context=$(mktemp -d)
storage=$(mktemp -d)
trap 'rm -rf "$context"; buildah --root "$storage/root" --runroot "$storage/run" --storage-driver vfs rmi --all >/dev/null 2>&1 || true; rm -rf "$storage"' EXIT

mkdir -p "$context/etc/ssl/certs" "$context/tmp" "$context/src" "$context/lib" "$context/lib64" \
  "$context/usr" "$context/bin"
cp "$binary" "$context/parapet"
# A shell and the core utilities, from Debian's static busybox: GitLab's docker executor runs a
# job's script through `sh` in the job's image, and cannot run an image without one.
cp /bin/busybox "$context/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$context/bin/$applet"
done
arch=$(gcc -print-multiarch)
libraries() { ldd "$1" | awk '/=>/ { print $3 } /^\t\/lib/ { print $1 }'; }
for library in $( (libraries "$binary"; echo "/usr/lib/$arch/libcurl.so.4"; libraries "/usr/lib/$arch/libcurl.so.4") | sort -u); do
  real=$(readlink -f "$library")
  mkdir -p "$context$(dirname "$library")"
  cp "$real" "$context$library"
done
cp /etc/ssl/certs/ca-certificates.crt "$context/etc/ssl/certs/"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/tmp:/sbin/nologin\n' \
  > "$context/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$context/etc/group"
chmod 1777 "$context/tmp"
chown 65532:65532 "$context/src" 2>/dev/null || true
find "$context" -exec touch -h -d "@${SOURCE_DATE_EPOCH:-0}" {} +

buildah=(buildah --root "$storage/root" --runroot "$storage/run" --storage-driver vfs)
"${buildah[@]}" bud --quiet --isolation chroot --pull-never --timestamp "${SOURCE_DATE_EPOCH:-0}" \
  --label "org.opencontainers.image.title=parapet" \
  --label "org.opencontainers.image.version=$version" \
  --label "org.opencontainers.image.licenses=Apache-2.0" \
  -f Containerfile -t "localhost/parapet:$version" "$context" >/dev/null
rm -f "$output"
"${buildah[@]}" push --quiet "localhost/parapet:$version" "oci-archive:$output:parapet:$version"

# The check: the image's layers applied in order, then the binary run inside them.
rootfs=$(mktemp -d)
layout=$(mktemp -d)
trap 'rm -rf "$context" "$rootfs" "$layout"; "${buildah[@]}" rmi --all >/dev/null 2>&1 || true; rm -rf "$storage"' EXIT
chmod 755 "$rootfs"
tar -xf "$output" -C "$layout"
manifest=$(python3 -c 'import json,sys; i=json.load(open(sys.argv[1]+"/index.json")); print(i["manifests"][0]["digest"].split(":")[1])' "$layout")
for layer in $(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]+"/blobs/sha256/"+sys.argv[2])); print(" ".join(l["digest"].split(":")[1] for l in m["layers"]))' "$layout" "$manifest"); do
  tar -xf "$layout/blobs/sha256/$layer" -C "$rootfs"
done
# Swift reads the arguments from /proc/self/cmdline: a container always has /proc.
mkdir -p "$rootfs/proc"
mount -t proc proc "$rootfs/proc"
version_line=$(chroot --userspec=65532:65532 "$rootfs" /usr/local/bin/parapet --version)
shell_line=$(chroot --userspec=65532:65532 "$rootfs" /bin/sh -c 'cd /tmp && parapet --version')
umount "$rootfs/proc"
[ "$shell_line" = "$version_line" ] || { echo "the image's shell does not run parapet" >&2; exit 1; }
# Its own image passes its own image checks: no secret in any layer, no root user, no setuid
# file, no world-writable folder (HEALTHCHECK, at info, is left to whoever deploys it).
"$binary" image "$output" --allow-missing-db --fail-on low --quiet
echo "the image runs: parapet $version_line"
echo "wrote $output ($(stat -c %s "$output") bytes)"
