#!/usr/bin/env bash
# Regenerates the keystore-administration fixtures in fixtures/admin/ with real
# keytool (JDK 17 on PATH, JDK 25 from Temurin) and OpenSSL 3. Keys and dates
# are fresh on every run; the tests in tests/it/admin.rs only rely on what
# fixtures/admin/README.md says each file holds.
#
# Usage: scripts/gen-admin-fixtures.sh   (from the repository root)
set -euo pipefail
export LC_ALL=C.UTF-8 # keytool decodes non-ASCII arguments with the locale's charset
export TZ=UTC

KT17=${KT17:-keytool}
KT25=${KT25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool}
OUT=fixtures/admin
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/*.jks "$OUT"/*.p12 "$OUT"/*.der "$OUT"/*.list.txt

run() { # echo the command, then run it
  echo "+ $*" >&2
  "$@"
}

# --- A CA (PKCS12, outside the fixtures) that signs beta's chain.
run "$KT17" -genkeypair -keystore "$T/ca.p12" -storepass capass1 -alias ca \
  -keyalg RSA -keysize 2048 -dname "CN=Admin Test CA,O=rkeytool" -ext bc:c -validity 3650
run "$KT17" -exportcert -keystore "$T/ca.p12" -storepass capass1 -alias ca -file "$OUT/ca.der"

# --- multi.jks (JDK 17): store password storepass1; three keys with their own
#     key passwords, and two trusted certificates.
S=$OUT/multi.jks
run "$KT17" -genkeypair -storetype JKS -keystore "$S" -storepass storepass1 -keypass alphapass1 \
  -alias alpha -keyalg RSA -keysize 2048 -dname "CN=alpha,O=rkeytool" -validity 3650
run "$KT17" -genkeypair -storetype JKS -keystore "$S" -storepass storepass1 -keypass betapass1 \
  -alias beta -keyalg EC -groupname secp256r1 -dname "CN=beta,O=rkeytool" -validity 3650
run "$KT17" -certreq -keystore "$S" -storepass storepass1 -keypass betapass1 -alias beta -file "$T/beta.csr"
run "$KT17" -gencert -keystore "$T/ca.p12" -storepass capass1 -alias ca \
  -infile "$T/beta.csr" -outfile "$T/beta.crt" -validity 3650
run "$KT17" -importcert -noprompt -keystore "$S" -storepass storepass1 -alias ca -file "$OUT/ca.der"
run "$KT17" -importcert -noprompt -keystore "$S" -storepass storepass1 -keypass betapass1 \
  -alias beta -file "$T/beta.crt"
run "$KT17" -genkeypair -storetype JKS -keystore "$S" -storepass storepass1 -keypass storepass1 \
  -alias gamma -keyalg RSA -keysize 2048 -dname "CN=gamma,O=rkeytool" -validity 3650
run "$KT17" -exportcert -keystore "$S" -storepass storepass1 -alias gamma -file "$T/gamma.der"
run "$KT17" -importcert -noprompt -keystore "$S" -storepass storepass1 -alias peer -file "$T/gamma.der"

# --- modern17.p12 (JDK 17 defaults): store password storepass1, one key, one trusted cert.
S=$OUT/modern17.p12
run "$KT17" -genkeypair -keystore "$S" -storepass storepass1 \
  -alias key1 -keyalg RSA -keysize 2048 -dname "CN=modern,O=rkeytool" -validity 3650
run "$KT17" -importcert -noprompt -keystore "$S" -storepass storepass1 -alias ca -file "$OUT/ca.der"

# --- legacy17.p12 (JDK 17, -J-Dkeystore.pkcs12.legacy): same content kind.
S=$OUT/legacy17.p12
run "$KT17" -J-Dkeystore.pkcs12.legacy -genkeypair -keystore "$S" -storepass storepass1 \
  -alias key1 -keyalg RSA -keysize 2048 -dname "CN=legacy,O=rkeytool" -validity 3650
run "$KT17" -J-Dkeystore.pkcs12.legacy -importcert -noprompt -keystore "$S" -storepass storepass1 \
  -alias ca -file "$OUT/ca.der"

# --- passwordless25.p12 (JDK 25): certificates only, no MAC, certificates not encrypted,
#     as JDK 18+ ships cacerts.
S=$OUT/passwordless25.p12
for a in ca peer; do
  f=$OUT/ca.der
  [ "$a" = peer ] && f=$T/gamma.der
  run "$KT25" -J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE -J-Dkeystore.pkcs12.macAlgorithm=NONE \
    -importcert -noprompt -keystore "$S" -alias "$a" -file "$f"
done

# --- unicode25.p12 (JDK 25): non-ASCII store password 'pässwörd€1'.
S=$OUT/unicode25.p12
run "$KT25" -genkeypair -keystore "$S" -storepass 'pässwörd€1' \
  -alias key1 -keyalg RSA -keysize 2048 -dname "CN=unicode,O=rkeytool" -validity 3650

# --- unicode-openssl.p12 (OpenSSL 3): the same password, key and certificate from OpenSSL.
run openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/os.key" -out "$T/os.crt" \
  -subj "/CN=openssl unicode/O=rkeytool" -days 3650
run openssl pkcs12 -export -inkey "$T/os.key" -in "$T/os.crt" -name key1 \
  -passout 'pass:pässwörd€1' -out "$OUT/unicode-openssl.p12"

# --- What the tools say of each keystore, kept beside it.
"$KT17" -list -v -keystore "$OUT/multi.jks" -storepass storepass1 >"$OUT/multi.list.txt" 2>&1
"$KT17" -list -v -keystore "$OUT/modern17.p12" -storepass storepass1 >"$OUT/modern17.list.txt" 2>&1
"$KT17" -list -v -keystore "$OUT/modern17.p12" </dev/null >"$OUT/modern17.nopass.list.txt" 2>&1 || true
"$KT17" -list -v -keystore "$OUT/legacy17.p12" -storepass storepass1 >"$OUT/legacy17.list.txt" 2>&1
openssl pkcs12 -info -noout -legacy -in "$OUT/legacy17.p12" -passin pass:storepass1 >"$OUT/legacy17.openssl.txt" 2>&1
"$KT17" -list -keystore "$OUT/passwordless25.p12" </dev/null >"$OUT/passwordless25.list.txt" 2>&1
"$KT25" -list -v -keystore "$OUT/unicode25.p12" -storepass 'pässwörd€1' >"$OUT/unicode25.list.txt" 2>&1
"$KT25" -list -v -keystore "$OUT/unicode-openssl.p12" -storepass 'pässwörd€1' >"$OUT/unicode-openssl.list.txt" 2>&1

{
  echo "keytool 17: $("${KT17%keytool}java" -version 2>&1 | head -n 1)"
  echo "keytool 25: $("$KT25" -version 2>&1)"
  echo "openssl: $(openssl version)"
} >"$OUT/VERSIONS.txt"
