#!/usr/bin/env bash
# CI's check of the binary people install (README "Install"):
#   1. scripts/build-static.sh builds the static binary; ldd must call it
#      "not a dynamic executable" / "statically linked";
#   2. that binary runs real commands: -version, then -genkeypair into a
#      fresh keystore and -list of it;
#   3. `cargo install --path .` installs it (into a temporary root, reusing
#      the build of step 1, so it costs seconds, not a second release build).
# One release build (minutes on two cores) is the whole cost.
#
#   scripts/check-install.sh [cargo build arguments, e.g. --locked]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=$root/$(scripts/build-static.sh "$@" | tail -n1)
echo "static binary: $bin ($(ldd "$bin" 2>&1 | tr -d '\t'))"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
version=$("$bin" -version)
case $version in
  "rkeytool "*" (follows keytool "*")") ;;
  *) echo "check-install: unexpected -version output: $version" >&2; exit 1 ;;
esac
"$bin" -genkeypair -alias smoke -keyalg EC -dname CN=smoke -keystore smoke.p12 -storepass changeit 2>/dev/null
listing=$("$bin" -list -keystore smoke.p12 -storepass changeit)
case $listing in
  *"Your keystore contains 1 entry"*"smoke, "*", PrivateKeyEntry,"*) ;;
  *) echo "check-install: the static binary's -list says:" >&2; echo "$listing" >&2; exit 1 ;;
esac
echo "static binary runs: $version; made and listed smoke.p12"

cd "$root"
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" CARGO_TARGET_DIR=$root/target \
  cargo install --path . --root "$tmp/root" --target x86_64-unknown-linux-gnu "$@" >&2
installed=$("$tmp/root/bin/rkeytool" -version)
[ "$installed" = "$version" ] || { echo "check-install: installed binary says: $installed" >&2; exit 1; }
echo "cargo install --path . works: $tmp/root/bin/rkeytool says $installed"
