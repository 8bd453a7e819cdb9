#!/usr/bin/env bash
# Builds a fully static Linux rkeytool (glibc linked in: no loader, no libc
# needed on the target machine) and checks that it is one:
#
#   scripts/build-static.sh            # → target/x86_64-unknown-linux-gnu/release/rkeytool
#   scripts/build-static.sh --locked   # extra arguments go to cargo build
#
# `--target` is given explicitly so that RUSTFLAGS reach only the binary, not
# build scripts and proc macros (which must stay dynamic to run on the host).
# The script prints the binary's path on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-unknown-linux-gnu
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" \
  cargo build --release --target "$target" "$@" >&2
bin=target/$target/release/rkeytool
# ldd says "not a dynamic executable" (or "statically linked") for a static binary.
verdict=$(ldd "$bin" 2>&1 || true)
case $verdict in
  *"not a dynamic executable"*|*"statically linked"*) ;;
  *) echo "build-static: $bin is not static; ldd says:" >&2; echo "$verdict" >&2; exit 1 ;;
esac
echo "$bin"
