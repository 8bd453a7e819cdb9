#!/usr/bin/env bash
# Writes man/rkeytool.1 from the option table (`rkeytool -manpage`).
# tests/it/house.rs fails when the checked-in page is not what the binary writes:
# run this after changing a command, an option or the version.
#   scripts/gen-man.sh    then: man -l man/rkeytool.1
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet -- -manpage > man/rkeytool.1
echo "wrote man/rkeytool.1"
