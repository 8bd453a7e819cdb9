#!/usr/bin/env bash
# Regenerates the keystore fixtures under fixtures/ with real keytool and OpenSSL.
# Every fixture is listed in fixtures/README.md with the command that made it;
# beside each keystore we keep what `keytool -list -v` said of it (*.list.txt).
#
# Usage: scripts/gen-fixtures.sh [--top-only]
#   Needs keytool 17 on PATH, openssl 3, and optionally a JDK 25 under /usr/lib/jvm.
#   Makes the top-level fixtures, then runs the per-area scripts (jks, keys,
#   admin, text), each of which documents its files in fixtures/<area>/README.md.
#   --top-only remakes only the top-level files.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The JDK matrix of scripts/install-jdks.sh, found before HOME moves.
export RKEYTOOL_JDKS=${RKEYTOOL_JDKS:-$HOME/.cache/rkeytool-jdks}
export HOME=$work TZ=UTC   # never touch ~/.keystore
PW=changeit

kt17=keytool
kt25=$(ls -d /usr/lib/jvm/*25*/bin/keytool 2>/dev/null | head -n1 || true)

versions() {
  echo "keytool 17: $(java -version 2>&1 | head -n1)"
  [ -n "$kt25" ] && echo "keytool 25: $("${kt25%/keytool}/java" -version 2>&1 | head -n1)"
  echo "openssl: $(openssl version)"
}

# A small CA made with OpenSSL, used to sign the keys' certificates.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$out/ca.key" -out "$out/ca.pem" \
  -subj "/C=FR/O=Fixture CA/CN=Fixture Root CA" -days 3650 \
  -addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null

make_keytool_store() { # tool type file
  local kt=$1 type=$2 f=$3
  rm -f "$f"
  "$kt" -genkeypair -keystore "$f" -storetype "$type" -storepass $PW -keypass $PW -alias server \
    -keyalg RSA -keysize 2048 -validity 3650 \
    -dname "CN=server.example.com, OU=Programs Partner, O=PartnerName, L=Paris, C=FR" \
    -ext "SAN=dns:server.example.com,ip:10.0.0.1" 2>/dev/null
  "$kt" -importcert -noprompt -keystore "$f" -storetype "$type" -storepass $PW -alias fixtureca -file "$out/ca.pem" >/dev/null 2>&1
  "$kt" -list -v -keystore "$f" -storepass $PW > "${f%.*}.$type.list.txt" 2>/dev/null || true
}

make_keytool_store $kt17 PKCS12 "$out/keytool17.p12"
make_keytool_store $kt17 JKS "$out/keytool17.jks"
if [ -n "$kt25" ]; then
  make_keytool_store "$kt25" PKCS12 "$out/keytool25.p12"
  make_keytool_store "$kt25" JKS "$out/keytool25.jks"
fi

# OpenSSL-made PKCS12: a key with its certificate and the CA, default (AES) and -legacy (3DES/RC2).
openssl req -new -newkey rsa:2048 -nodes -keyout "$work/leaf.key" -out "$work/leaf.csr" \
  -subj "/C=FR/O=PartnerName/CN=openssl-leaf" 2>/dev/null
openssl x509 -req -in "$work/leaf.csr" -CA "$out/ca.pem" -CAkey "$out/ca.key" -CAserial "$work/ca.srl" -CAcreateserial \
  -out "$work/leaf.pem" -days 3650 2>/dev/null
openssl pkcs12 -export -inkey "$work/leaf.key" -in "$work/leaf.pem" -certfile "$out/ca.pem" \
  -name "OpenSSL Key" -passout pass:$PW -out "$out/openssl.p12"
openssl pkcs12 -export -legacy -inkey "$work/leaf.key" -in "$work/leaf.pem" -certfile "$out/ca.pem" \
  -name "OpenSSL Legacy" -passout pass:$PW -out "$out/openssl-legacy.p12"
for f in openssl openssl-legacy; do
  $kt17 -list -v -keystore "$out/$f.p12" -storepass $PW > "$out/$f.PKCS12.list.txt" 2>/dev/null || true
done

versions > "$out/VERSIONS.txt"
echo "fixtures regenerated in $out/ with:"; cat "$out/VERSIONS.txt"

if [ "${1:-}" != "--top-only" ]; then
  # The key fixtures are signed by ca.pem above, so they are remade with it.
  for area in jks jceks keys jdk-keys admin text wild pbmac1; do
    echo "== scripts/gen-$area-fixtures.sh"
    HOME=$work "scripts/gen-$area-fixtures.sh"
  done
fi
