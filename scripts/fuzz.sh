#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for SECONDS each (default 60), one at a time
# and at low priority, seeding each corpus from fixtures/ first.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Needs cargo-fuzz (installed from crates.io if missing) and a nightly
# compiler: an installed nightly toolchain if rustup lists one, else the stable
# one with RUSTC_BOOTSTRAP=1. Crashes, hangs and out-of-memory inputs land in
# fuzz/artifacts/TARGET/; logs in fuzz/logs/. FUZZ_SANITIZER=none (or the
# fallback when the sanitizer build fails) runs without AddressSanitizer.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SECS=${1:-60}
shift || true
ALL=(jks_decode jceks_decode pkcs12_decode storage_detect_decode certificates pkcs7 csr_decode
     pem_decode_all dname_parse ext_parse_all keyfile pemstore_decode bks_decode uber_decode)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL[@]}")

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

CARGO=(cargo)
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    CARGO=(cargo +nightly)
else
    export RUSTC_BOOTSTRAP=1
fi
SAN=(--sanitizer "${FUZZ_SANITIZER:-address}")

seed() { # seed TARGET FILE...: copies (never links) the fixtures into the corpus
    local dir=fuzz/corpus/$1
    shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] && cp -n "$f" "$dir/$(echo "${f#fixtures/}" | tr / _)"
    done
    return 0
}

seed_lines() { # seed_lines TARGET: one corpus file per line of stdin
    local dir=fuzz/corpus/$1 i=0
    mkdir -p "$dir"
    while IFS= read -r line; do
        i=$((i + 1))
        [ -e "$dir/seed-$i" ] || printf '%s' "$line" >"$dir/seed-$i"
    done
}

shopt -s nullglob
seed jks_decode fixtures/*.jks fixtures/jks/*.jks
seed jceks_decode fixtures/jceks/*.jceks
seed pkcs12_decode fixtures/*.p12 fixtures/admin/*.p12
seed keyfile fixtures/keys/*
seed storage_detect_decode fixtures/*.jks fixtures/jks/*.jks fixtures/jceks/*.jceks fixtures/*.p12
seed certificates fixtures/ca.pem fixtures/text/*.der fixtures/text/*.pem fixtures/jks/*.der
seed csr_decode fixtures/text/*.csr.der
seed pem_decode_all fixtures/*.pem fixtures/ca.key fixtures/text/*.pem fixtures/text/*.csr
seed pemstore_decode fixtures/*.pem fixtures/ca.key fixtures/keys/*.pem
if command -v openssl >/dev/null; then
    for pem in fixtures/ca.pem fixtures/text/kt-rsa2048.pem; do
        p7=fuzz/corpus/pkcs7/$(basename "$pem" .pem).p7b
        mkdir -p fuzz/corpus/pkcs7 fuzz/corpus/certificates
        [ -e "$p7" ] || openssl crl2pkcs7 -nocrl -certfile "$pem" -outform DER -out "$p7"
        cp -n "$p7" fuzz/corpus/certificates/
    done
fi
seed pkcs7 fixtures/text/*.der
{
    grep -ho -- '-dname [^-]*' fixtures/text/*.cmd | sed 's/^-dname //; s/ *$//; s/\\//g'
    cat <<'DNAMES'
CN=MZPXXXX,OU=Programs Partner,O=PartnerName,L=Paris,C=FR,email=it@partner.com
CN="Smith, John"+OU=a\,b;O=x y  ,L=#0403616263,OID.2.5.4.3=z
cn=a, ou=b, dc=example, dc=com, street=1 Main St, st=Paris, title=Dr, serialnumber=7
DNAMES
} | seed_lines dname_parse
{
    grep -ho -- '-ext [^ ]*' fixtures/text/*.cmd | sed 's/^-ext //; s/\\//g'
    cat <<'EXTS'
honored=all,-bc,ku:critical
SubjectAlternativeName=dns:a.example,ip:::1,oid:1.2.3,uri:urn:x,email:x@y
BasicConstraints:critical=ca:false,pathlen:0
KeyUsage=digitalSignature,keyEncipherment
ExtendedKeyUsage=serverAuth
1.2.3.4:critical=00ff
EXTS
} | seed_lines ext_parse_all

mkdir -p fuzz/logs
summary=()
status=0
for t in "${TARGETS[@]}"; do
    log=fuzz/logs/$t.log
    echo "== $t: ${SECS}s"
    set +e
    (cd fuzz && nice -n 19 "${CARGO[@]}" fuzz build "${SAN[@]}" --release "$t") >"$log" 2>&1 ||
        { echo "   sanitizer build failed; using --sanitizer none"; SAN=(--sanitizer none); }
    (cd fuzz && nice -n 19 "${CARGO[@]}" fuzz run "${SAN[@]}" --release "$t" -- \
        -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1) \
        >>"$log" 2>&1
    rc=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    took=$(grep -oE '^Done [0-9]+ runs in [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || true)
    found=$(grep -oE '(crash|timeout|oom|leak|slow-unit)-[0-9a-f]+' "$log" | sort -u | tr '\n' ' ' || true)
    [ $rc -eq 0 ] || status=1
    summary+=("$(printf '%-22s %6ss %12s execs  exit %s  %s' "$t" "${took:-?}" "${runs:-?}" "$rc" "${found:-nothing found}")")
done
printf '%s\n' "" "target                   time        execs" "${summary[@]}"
[ $status -eq 0 ] || echo "findings are in fuzz/artifacts/; see fuzz/logs/ for the stack traces"
exit $status
