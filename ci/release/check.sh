#!/usr/bin/env bash
# Checks the release binary the way a user's machine meets it: `ldd` names nothing but glibc,
# and the binary runs inside an empty root holding only itself and the C library (chroot, with
# /proc mounted as in any container), scanning a repository's history there.
#
# Usage: ci/release/check.sh BINARY   (as root, for chroot and mount)
set -euo pipefail
binary=$1
echo "ldd $binary:"
ldd "$binary" | sed 's/^/  /'
extra=$(ldd "$binary" | awk '{ print $1 }' | grep -vE '^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|/lib64/ld-linux-x86-64\.so\.2)$' || true)
if [ -n "$extra" ]; then
  echo "the release binary needs more than glibc: $extra" >&2
  exit 1
fi

root=$(mktemp -d)
cleanup() {
  mountpoint -q "$root/proc" && umount "$root/proc"
  rm -rf "$root"
}
trap cleanup EXIT
for library in $(ldd "$binary" | awk '/=>/ { print $3 } /^\t\/lib/ { print $1 }'); do
  mkdir -p "$root$(dirname "$library")"
  cp "$(readlink -f "$library")" "$root$library"
done
mkdir -p "$root/bin" "$root/proc" "$root/tmp" "$root/repo"
chmod 1777 "$root/tmp"
cp "$binary" "$root/bin/parapet"
mount -t proc proc "$root/proc"

# A repository whose history once held a token and no longer does.
git -C "$root/repo" init -q -b main
git -C "$root/repo" -c user.name=ci -c user.email=ci@example.org commit -q --allow-empty -m first
printf 'AWS_ACCESS_KEY_ID=AKIA%s\n' "$(head -c 32 /dev/urandom | base32 | tr -dc 'A-Z2-7' | head -c 16)" \
  > "$root/repo/deploy.env"
git -C "$root/repo" add deploy.env
git -C "$root/repo" -c user.name=ci -c user.email=ci@example.org commit -q -m "add deploy.env"
git -C "$root/repo" rm -q deploy.env
git -C "$root/repo" -c user.name=ci -c user.email=ci@example.org commit -q -m "remove deploy.env"

files=$(find "$root" -path "$root/proc" -prune -o -path "$root/repo" -prune -o -type f -print | sed "s|^$root||" | sort | tr '\n' ' ')
echo "empty root holds: $files"
chroot "$root" /bin/parapet --version
status=0
chroot "$root" /bin/parapet secrets /repo --history > "$root/tmp/out" 2>&1 || status=$?
cat "$root/tmp/out"
if [ "$status" -ne 1 ] || ! grep -q "deploy.env:1:19" "$root/tmp/out"; then
  echo "the release binary did not find the token in the history (exit $status)" >&2
  exit 1
fi
echo "release binary: ran in an empty root and found the leaked key in the history"
