#!/usr/bin/env bash
# Regenerates fixtures/jdk-keys/: private keys that decode but that Java
# keystores cannot hold or the JDK cannot use, which rkeytool -importkey
# refuses with one line naming the reason (tests/it/algorithms.rs), and a
# PKCS#8 v2 key with attributes, which -exportkey writes back as v1. Each key
# comes with a certificate carrying its public key, so that -importkey gets as
# far as the key. fixtures/jdk-keys/README.md is written by this script:
# every file with the exact command that made it, and what the JDK does with it.
#
# Keys OpenSSL will not write directly (an inner ECPrivateKey of version 0,
# inner and outer curves that disagree) are assembled by `openssl asn1parse
# -genconf` from the scalar and point of a P-256 key OpenSSL made.
#
# Usage: scripts/gen-jdk-key-fixtures.sh     (needs openssl 3 on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/jdk-keys
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work TZ=UTC
PASS=fixture-pass
ver=$(openssl version)
rows=()

# mk FILE WHAT COMMAND...: runs the command (in fixtures/jdk-keys) and records it.
mk() {
  local file=$1 what=$2
  shift 2
  (cd "$out" && "$@") >/dev/null 2>&1
  [ -s "$out/$file" ] || { echo "failed to make $file: $*" >&2; exit 1; }
  rows+=("| \`$file\` | $what | \`$*\` |")
}
# cert CRT KEY CN: a self-signed certificate for a key OpenSSL can sign with.
cert() {
  mk "$1" "self-signed certificate for \`$2\`" openssl req -x509 -new -key "$2" -subj "/CN=$3" -days 3650 -out "$1"
}

mk rsa-multiprime.pem "RSA 2048 with three primes (PKCS#1 version 1, multi-prime), PKCS#8. JDK 17/25 \`KeyFactory\`: \"Invalid RSA private key\"" \
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_primes:3 -out rsa-multiprime.pem
cert rsa-multiprime.crt rsa-multiprime.pem refused-multiprime

mk ec-secp128r1.pem "EC on secp128r1, PKCS#8. JDK 17/25: parsed, but \`Signature\`: \"Curve not supported: secp128r1 (1.3.132.0.28)\"" \
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp128r1 -out ec-secp128r1.pem
cert ec-secp128r1.crt ec-secp128r1.pem refused-secp128r1
mk ec-secp256k1.pem "EC on secp256k1, PKCS#8. JDK 17/25: \"Curve not supported: secp256k1 (1.3.132.0.10)\"" \
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out ec-secp256k1.pem
cert ec-secp256k1.crt ec-secp256k1.pem refused-secp256k1

mk ec-explicit.pem "EC P-256 with explicit curve parameters, SEC1 \`EC PRIVATE KEY\`. JDK 17: \"Only named ECParameters supported\"; JDK 25: \"Unable to decode key\"" \
  openssl ecparam -name prime256v1 -genkey -noout -param_enc explicit -out ec-explicit.pem
mk ec-explicit-pkcs8.pem "the same as PKCS#8 (explicit parameters in the AlgorithmIdentifier)" \
  openssl pkcs8 -topk8 -nocrypt -in ec-explicit.pem -out ec-explicit-pkcs8.pem
cert ec-explicit.crt ec-explicit.pem refused-explicit

# A P-256 key, and hand-assembled (by openssl) PKCS#8 forms of it.
mk ec-p256.pem "EC P-256, PKCS#8: the source of the two keys below (itself fine)" \
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out ec-p256.pem
cert ec-p256.crt ec-p256.pem refused-p256
openssl ec -in "$out/ec-p256.pem" -outform DER -out "$work/p256.sec1.der" 2>/dev/null
priv=$(openssl asn1parse -inform DER -in "$work/p256.sec1.der" | awk -F'HEX DUMP]:' '/OCTET STRING/{print $2; exit}')
pub=$(openssl ec -in "$out/ec-p256.pem" -pubout -outform DER 2>/dev/null | tail -c 65 | od -An -tx1 | tr -d ' \n')
# genconf VERSION EXTRA: PKCS#8 (outer curve prime256v1) around an ECPrivateKey.
genconf() {
  printf '%s\n' "asn1=SEQUENCE:pk" "[pk]" "version=INT:0" "alg=SEQUENCE:alg" "key=OCTWRAP,SEQUENCE:ec" \
    "[alg]" "oid=OID:id-ecPublicKey" "curve=OID:prime256v1" \
    "[ec]" "version=INT:$1" "priv=FORMAT:HEX,OCTETSTRING:$priv" $2 "pub=EXPLICIT:1,FORMAT:HEX,BITSTRING:$pub"
}
genconf 0 "" > "$out/ec-version0.cnf"
rows+=("| \`ec-version0.cnf\` | \`openssl asn1parse\` config: PKCS#8 on prime256v1 around an \`ECPrivateKey\` of version 0 with the scalar and point of \`ec-p256.pem\` | written by this script |")
mk ec-version0.der "PKCS#8 whose inner \`ECPrivateKey\` has version 0. JDK 17/25: \"Invalid EC private key\"" \
  openssl asn1parse -genconf ec-version0.cnf -noout -out ec-version0.der
genconf 1 "params=EXPLICIT:0,OID:secp384r1" > "$out/ec-curves-disagree.cnf"
rows+=("| \`ec-curves-disagree.cnf\` | the same with version 1 and \`parameters [0] secp384r1\` inside while the AlgorithmIdentifier says prime256v1 | written by this script |")
mk ec-curves-disagree.der "PKCS#8: outer curve prime256v1, inner secp384r1. JDK 17/25 take the outer curve silently" \
  openssl asn1parse -genconf ec-curves-disagree.cnf -noout -out ec-curves-disagree.der

mk rsa.pem "RSA 2048, PKCS#8 (itself fine)" openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.pem
cert rsa.crt rsa.pem refused-rc2
mk rsa-rc2-40.pem "\`rsa.pem\` encrypted with pbeWithSHAAnd40BitRC2-CBC (PKCS#12 PBE, RC2-40), password \`$PASS\`; once refused, read since key files share PKCS#12's ciphers (issue 18)" \
  openssl pkcs8 -topk8 -v1 PBE-SHA1-RC2-40 -provider legacy -provider default -in rsa.pem -passout pass:$PASS -out rsa-rc2-40.pem

# PKCS#8 v2 (RFC 5958 OneAsymmetricKey): an Ed25519 seed with its public key
# and a friendlyName attribute. OpenSSL 3.0 cannot read it; -exportkey writes v1.
mk ed25519.pem "Ed25519, PKCS#8 v1: the source of \`ed25519-v2.der\`" openssl genpkey -algorithm ed25519 -out ed25519.pem
cert ed25519.crt ed25519.pem v2-ed25519
seed=$(openssl pkey -in "$out/ed25519.pem" -outform DER | tail -c 32 | od -An -tx1 | tr -d ' \n')
edpub=$(openssl pkey -in "$out/ed25519.pem" -pubout -outform DER | tail -c 32 | od -An -tx1 | tr -d ' \n')
printf '%s\n' "asn1=SEQUENCE:pk" "[pk]" "version=INT:1" "alg=SEQUENCE:alg" "key=OCTWRAP,FORMAT:HEX,OCTETSTRING:$seed" \
  "attrs=IMPLICIT:0,SETWRAP,SEQUENCE:attr" "pub=IMPLICIT:1,FORMAT:HEX,BITSTRING:$edpub" \
  "[alg]" "oid=OID:ED25519" "[attr]" "type=OID:1.2.840.113549.1.9.20" "vals=SETWRAP,BMPSTRING:rkeytool" > "$out/ed25519-v2.cnf"
rows+=("| \`ed25519-v2.cnf\` | \`openssl asn1parse\` config: PKCS#8 v2 of \`ed25519.pem\`'s seed with its public key \`[1]\` and a friendlyName attribute \`[0]\` | written by this script |")
mk ed25519-v2.der "PKCS#8 v2 (OneAsymmetricKey) with public key and attributes: accepted by -importkey (keytool 17 lists it); OpenSSL 3.0 cannot read it, so -exportkey writes v1" \
  openssl asn1parse -genconf ed25519-v2.cnf -noout -out ed25519-v2.der

{
  echo "# Keys and what the JDK can use"
  echo
  echo "Made by \`scripts/gen-jdk-key-fixtures.sh\` with $ver; none is edited by hand."
  echo "Private keys that decode but that Java keystores cannot hold or the JDK cannot"
  echo "use; \`rkeytool -importkey\` refuses each with one line (tests/it/algorithms.rs)."
  echo "\`ed25519-v2.der\` is accepted, and written back as PKCS#8 v1 by \`-exportkey\`."
  echo "What the JDK does was checked with \`KeyFactory.generatePrivate\` and"
  echo "\`Signature.sign\` on JDK 17.0.9 and 25.0.2. The keys are test keys and protect nothing."
  echo
  echo "| file | what | command |"
  echo "|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out/README.md"
echo "wrote $out"
