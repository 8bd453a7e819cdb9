#!/usr/bin/env bash
# Regenerates the JKS fixtures in fixtures/jks/ with real keytool (JDK 17 on PATH,
# JDK 25 from Temurin). Keys and dates are fresh on every run, so the committed
# files change when this is re-run; the tests only rely on what each file holds
# (see fixtures/jks/README.md), never on particular key bytes.
#
# Usage: scripts/gen-jks-fixtures.sh   (from the repository root)
set -euo pipefail
export LC_ALL=C.UTF-8 # keytool decodes non-ASCII arguments with the locale's charset

KT17=${KT17:-keytool}
KT25=${KT25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool}
OUT=fixtures/jks
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/*.jks "$OUT"/*.der "$OUT"/*.list.txt

run() { # echo the command, then run it with keytool's chatter on stderr kept
  echo "+ $*" >&2
  "$@"
}

# --- A throw-away CA (PKCS12, outside the fixtures) that signs one of the chains.
run "$KT17" -genkeypair -keystore "$T/ca.p12" -storepass capass1 -alias ca \
  -keyalg EC -groupname secp256r1 -dname "CN=rkeytool Test CA,O=rkeytool" -ext bc:c -validity 3650
run "$KT17" -exportcert -keystore "$T/ca.p12" -storepass capass1 -alias ca -file "$OUT/jdk17-mixed.ca.der"

# --- jdk17-mixed.jks: store password "changeit", key password "otherpass".
S=$OUT/jdk17-mixed.jks
run "$KT17" -genkeypair -storetype JKS -keystore "$S" -storepass changeit -keypass otherpass \
  -alias RSA-Key -keyalg RSA -keysize 2048 -dname "CN=rsa key,O=rkeytool" -validity 3650
run "$KT17" -importcert -noprompt -storetype JKS -keystore "$S" -storepass changeit \
  -alias ca -file "$OUT/jdk17-mixed.ca.der"
run "$KT17" -genkeypair -storetype JKS -keystore "$S" -storepass changeit -keypass otherpass \
  -alias ec-chain -keyalg EC -groupname secp256r1 -dname "CN=ec chain,O=rkeytool" -validity 3650
run "$KT17" -certreq -storetype JKS -keystore "$S" -storepass changeit -keypass otherpass \
  -alias ec-chain -file "$T/ec.csr"
run "$KT17" -gencert -keystore "$T/ca.p12" -storepass capass1 -alias ca \
  -infile "$T/ec.csr" -outfile "$T/ec.crt" -validity 3650
run "$KT17" -importcert -noprompt -storetype JKS -keystore "$S" -storepass changeit -keypass otherpass \
  -alias ec-chain -file "$T/ec.crt"
run "$KT17" -importcert -noprompt -storetype JKS -keystore "$S" -storepass changeit \
  -alias Zeta-Peer -file "$T/ec.crt"
for a in rsa-key ec-chain ca zeta-peer; do
  run "$KT17" -exportcert -storetype JKS -keystore "$S" -storepass changeit -alias "$a" -file "$OUT/jdk17-mixed.$a.der"
done

# --- jdk17-nonascii.jks: non-ASCII store password, key password and alias
#     (the alias has a character outside the BMP: a surrogate pair in Java).
S=$OUT/jdk17-nonascii.jks
run "$KT17" -genkeypair -storetype JKS -keystore "$S" -storepass 'pässwörd€' -keypass 'kéypass€' \
  -alias 'Schlüssel-€-😀' -keyalg EC -groupname secp256r1 -dname "CN=non ascii" -validity 3650
run "$KT17" -exportcert -storetype JKS -keystore "$S" -storepass 'pässwörd€' \
  -alias 'schlüssel-€-😀' -file "$OUT/jdk17-nonascii.key.der"

# --- jdk25.jks: written by JDK 25 (key blob without NULL algorithm parameters).
S=$OUT/jdk25.jks
run "$KT25" -genkeypair -storetype JKS -keystore "$S" -storepass changeit -keypass otherpass \
  -alias key25 -keyalg EC -groupname secp256r1 -dname "CN=jdk 25" -validity 3650
run "$KT25" -importcert -noprompt -storetype JKS -keystore "$S" -storepass changeit \
  -alias ca -file "$OUT/jdk17-mixed.ca.der"
run "$KT25" -exportcert -storetype JKS -keystore "$S" -storepass changeit -alias key25 -file "$OUT/jdk25.key25.der"

# --- jdk17-empty.jks: no entries (one generated, then deleted); store password "changeit".
S=$OUT/jdk17-empty.jks
run "$KT17" -genkeypair -storetype JKS -keystore "$S" -storepass changeit -keypass changeit \
  -alias tmp -keyalg EC -groupname secp256r1 -dname CN=tmp
run "$KT17" -delete -storetype JKS -keystore "$S" -storepass changeit -alias tmp

# --- What keytool says of each keystore, kept beside it.
"$KT17" -list -v -keystore "$OUT/jdk17-mixed.jks" -storepass changeit >"$OUT/jdk17-mixed.list.txt" 2>&1
"$KT17" -list -v -keystore "$OUT/jdk17-nonascii.jks" -storepass 'pässwörd€' >"$OUT/jdk17-nonascii.list.txt" 2>&1
"$KT17" -list -v -keystore "$OUT/jdk17-empty.jks" -storepass changeit >"$OUT/jdk17-empty.list.txt" 2>&1
"$KT25" -list -v -keystore "$OUT/jdk25.jks" -storepass changeit >"$OUT/jdk25.list.txt" 2>&1

{
  echo "keytool versions used:"
  echo "  JDK 17: $("${KT17%keytool}java" -version 2>&1 | head -n 2 | tail -n 1)"
  echo "  JDK 25: $("$KT25" -version 2>&1)"
} >"$T/versions"
cat "$T/versions" >&2
ls -l "$OUT" >&2
