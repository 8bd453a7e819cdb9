#!/usr/bin/env bash
# Supply-chain and lint checks that are too slow to install in every CI run:
# cargo-deny (advisories, licenses, sources; config in deny.toml), plus fmt,
# clippy and docs. Usage: scripts/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-deny >/dev/null 2>&1 || cargo install cargo-deny --locked
cargo deny check
cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib
