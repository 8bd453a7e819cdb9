#!/usr/bin/env bash
# The test command (README): installs what the interop tests need when it is
# missing (keytool from openjdk-17-jdk-headless, openssl), then runs cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v keytool >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
exec cargo test "$@"
