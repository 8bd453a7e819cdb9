#!/usr/bin/env bash
# Benchmarks: rkeytool beside keytool and OpenSSL, each case measured in one
# hyperfine invocation (interleaved, with warm-up), medians and ratios, plus
# peak RSS from /usr/bin/time -v. Writes bench/results.md (Markdown for README).
#
# Usage: scripts/bench.sh [--quick]
#   --quick   a smoke run: few iterations, small inputs (numbers are not meaningful)
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1

need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v keytool >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

cargo build --release --quiet --bin rkeytool --example gen_truststore
RK=$PWD/target/release/rkeytool
GEN=$PWD/target/release/examples/gen_truststore
OUT=$PWD/bench
mkdir -p "$OUT"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export HOME=$W TZ=UTC
cd "$W"
PW=changeit

if [ $QUICK = 1 ]; then RUNS_KEYGEN=3; RUNS=3; RUNS_SLOW=1; SIZES="100 1000"; N_IMPORT=50; else RUNS_KEYGEN=30; RUNS=10; RUNS_SLOW=2; SIZES="100 1000 10000"; N_IMPORT=1000; fi

rows=()      # markdown rows
json_of() { echo "$W/$1.json"; }

# median NAME INDEX -> seconds
median() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]; print(r["median"])' "$1" "$2"; }
fmt_ms() { python3 -c 'import sys; v=float(sys.argv[1]); print(f"{v*1000:.1f} ms" if v < 10 else f"{v:.2f} s")' "$1"; }
ratio() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); r=a/b if b else float("nan"); print(f"{r:.3g} (1/{1/r:.0f})" if 0 < r < 1 else f"{r:.3g}")' "$1" "$2"; }
# peak RSS in MiB of one run of a command (string, run by bash)
rss() { /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {printf "%.1f MiB", $2/1024}'; }

# case NAME RUNS PREPARE "rk cmd" "peer label" "peer cmd" [more label/cmd pairs]
case_() {
  local name=$1 runs=$2 prep=$3 rk=$4; shift 4
  # -N: no intermediate shell, so even 2 ms commands are timed exactly (hyperfine
  # discards the commands' output itself).
  local args=(-N --style basic --warmup 1 --runs "$runs" --export-json "$(json_of "$name")")
  [ -n "$prep" ] && args+=(--prepare "$prep")
  local cmds=(-n rkeytool "$rk")
  local labels=() peers=()
  while [ $# -gt 0 ]; do labels+=("$1"); peers+=("$2"); cmds+=(-n "$1" "$2"); shift 2; done
  echo; echo "== $name"
  hyperfine "${args[@]}" "${cmds[@]}" >/dev/null
  local m0; m0=$(median "$(json_of "$name")" 0)
  [ -n "$prep" ] && bash -c "$prep"
  local r0; r0=$(rss "$rk")
  local i=1
  for l in "${labels[@]}"; do
    local mi; mi=$(median "$(json_of "$name")" $i)
    local cmd=${peers[$((i-1))]}
    [ -n "$prep" ] && bash -c "$prep"
    local ri; ri=$(rss "$cmd")
    rows+=("| $name | $(fmt_ms "$m0") | $l | $(fmt_ms "$mi") | $(ratio "$m0" "$mi") | $r0 | $ri |")
    echo "  rkeytool $(fmt_ms "$m0") vs $l $(fmt_ms "$mi"): ratio $(ratio "$m0" "$mi"); RSS $r0 vs $ri"
    i=$((i+1))
  done
}

DN="CN=MZPXXXX,OU=Programs Partner,O=PartnerName,L=Paris,C=FR,email=it@partner.com"
# 1. -genkeypair RSA-2048 into a new PKCS12
case_ "genkeypair RSA-2048" $RUNS_KEYGEN "rm -f $W/g.p12 $W/k.p12 $W/o.pem" \
  "$RK -genkeypair -alias KeyName -keyalg RSA -keysize 2048 -dname '$DN' -keystore $W/g.p12 -storepass $PW" \
  "keytool" "keytool -genkeypair -alias KeyName -keyalg RSA -keysize 2048 -dname '$DN' -keystore $W/k.p12 -storepass $PW" \
  "openssl genpkey (key only)" "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $W/o.pem"

# 2. -certreq from an existing entry
$RK -genkeypair -alias KeyName -keyalg RSA -dname "$DN" -keystore "$W/c.p12" -storepass $PW 2>/dev/null
case_ "certreq" $RUNS "" \
  "$RK -certreq -alias KeyName -keystore $W/c.p12 -storepass $PW -file $W/r1.csr" \
  "keytool" "keytool -certreq -alias KeyName -keystore $W/c.p12 -storepass $PW -file $W/r2.csr"

# 3. -list and -list -v of the JDK cacerts
if [ -f /etc/ssl/certs/java/cacerts ]; then
  cp /etc/ssl/certs/java/cacerts "$W/cacerts"
  case_ "list cacerts" $RUNS "" "$RK -list -keystore $W/cacerts -storepass $PW" \
    "keytool" "keytool -list -keystore $W/cacerts -storepass $PW"
  case_ "list -v cacerts" $RUNS "" "$RK -list -v -keystore $W/cacerts -storepass $PW" \
    "keytool" "keytool -list -v -keystore $W/cacerts -storepass $PW"
fi

# 4. Importing the Debian CA bundle: one rkeytool run vs the keytool loop a user needs today.
BUNDLE=/etc/ssl/certs/ca-certificates.crt
if [ -f $BUNDLE ] && $RK -importbundle -help >/dev/null 2>&1; then
  mkdir -p "$W/split"
  awk -v d="$W/split" '/-----BEGIN CERTIFICATE-----/{n++; f=sprintf("%s/%04d.pem", d, n)} f{print > f} /-----END CERTIFICATE-----/{close(f); f=""}' $BUNDLE
  [ $QUICK = 1 ] && ls "$W"/split/*.pem | tail -n +21 | xargs rm -f
  cat "$W"/split/*.pem > "$W/bundle.pem"
  cat > "$W/loop.sh" <<LOOP
for f in $W/split/*.pem; do keytool -importcert -noprompt -alias "\$(basename \$f .pem)" -file "\$f" -keystore $W/loop.p12 -storepass $PW >/dev/null 2>&1; done
LOOP
  case_ "import CA bundle ($(ls "$W"/split/*.pem | wc -l) certs)" $RUNS_SLOW "rm -f $W/b.p12 $W/loop.p12" \
    "$RK -importbundle -file $W/bundle.pem -keystore $W/b.p12 -storepass $PW" \
    "keytool loop" "bash $W/loop.sh"
fi

# 5. -importkeystore of a JKS with N_IMPORT entries into PKCS12
if $RK -importkeystore -help >/dev/null 2>&1; then
  $GEN $N_IMPORT "$W/src.jks" JKS $PW
  case_ "importkeystore JKS->PKCS12 ($N_IMPORT entries)" $RUNS_SLOW "rm -f $W/d1.p12 $W/d2.p12" \
    "$RK -importkeystore -srckeystore $W/src.jks -srcstorepass $PW -destkeystore $W/d1.p12 -deststorepass $PW -noprompt" \
    "keytool" "keytool -importkeystore -srckeystore $W/src.jks -srcstorepass $PW -destkeystore $W/d2.p12 -deststorepass $PW -noprompt"
fi

# 6. Scaling: -list of truststores with 100, 1,000 and 10,000 entries.
scale_rows=()
prev=""
for n in $SIZES; do
  $GEN "$n" "$W/t$n.p12" PKCS12 $PW
  case_ "list $n entries" $RUNS "" "$RK -list -keystore $W/t$n.p12 -storepass $PW" \
    "keytool" "keytool -list -keystore $W/t$n.p12 -storepass $PW"
  m=$(median "$(json_of "list $n entries")" 0)
  per=$(python3 -c 'import sys; print(f"{float(sys.argv[1])/int(sys.argv[2])*1e6:.1f}")' "$m" "$n")
  growth="-"
  [ -n "$prev" ] && growth=$(python3 -c 'import sys; a,b=map(float,sys.argv[1:3]); print(f"{b/a:.2f}x")' "$prev" "$m")
  scale_rows+=("| $n | $(fmt_ms "$m") | $per µs | $growth |")
  prev=$m
done

{
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); $(keytool -J-version 2>&1 | head -n1 || true); $(openssl version). Medians of hyperfine runs$( [ $QUICK = 1 ] && echo ' (QUICK MODE: smoke run, not meaningful)'). Ratio = rkeytool / peer (lower is better)."
  echo
  echo "| case | rkeytool | peer | peer time | ratio | rkeytool peak RSS | peer peak RSS |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Scaling of \`rkeytool -list\` with the number of entries:"
  echo
  echo "| entries | median | per entry | growth vs previous |"
  echo "|---|---|---|---|"
  printf '%s\n' "${scale_rows[@]}"
} > "$OUT/results.md"
echo; cat "$OUT/results.md"
