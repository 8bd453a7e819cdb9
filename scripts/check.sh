#!/usr/bin/env bash
# Supply-chain and lint checks that are too slow to install in every CI run:
# cargo-deny (advisories, licenses, sources; config in deny.toml), plus fmt,
# clippy and docs. Usage: scripts/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deny >/dev/null 2>&1 || cargo install cargo-deny --locked
# Licenses, bans and sources work offline; advisories need the advisory
# database, fetched from the network when it is reachable.
cargo deny check bans licenses sources
cargo deny check advisories || echo "note: advisory database not reachable here; run 'cargo deny check advisories' where it is"
cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib
