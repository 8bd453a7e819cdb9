#!/usr/bin/env bash
# Regenerates fixtures/keys/: one RSA key, one EC P-256 key and one Ed25519 key
# in every private-key form rkeytool -importkey reads, each made by OpenSSL, with
# certificates for them signed by fixtures/ca.pem. fixtures/keys/README.md is
# written by this script: every file with the exact command that made it.
#
# Usage: scripts/gen-key-fixtures.sh     (needs openssl 3 on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/keys
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work TZ=UTC
PASS=fixture-pass
ver=$(openssl version)
rows=()

# mk FILE WHAT COMMAND...: runs the command (in fixtures/keys) and records it.
mk() {
  local file=$1 what=$2
  shift 2
  (cd "$out" && "$@") >/dev/null 2>&1
  [ -s "$out/$file" ] || { echo "failed to make $file: $*" >&2; exit 1; }
  rows+=("| \`$file\` | $what | \`$*\` |")
}

# Keys.
mk rsa-pkcs8.pem "RSA 2048, PKCS#8 \`PRIVATE KEY\`" openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-pkcs8.pem
mk rsa-pkcs8.der "the same, DER" openssl pkcs8 -topk8 -nocrypt -in rsa-pkcs8.pem -outform DER -out rsa-pkcs8.der
mk rsa-pkcs1.pem "PKCS#1 \`RSA PRIVATE KEY\`" openssl rsa -in rsa-pkcs8.pem -traditional -out rsa-pkcs1.pem
mk rsa-pkcs1.der "PKCS#1, DER" openssl rsa -in rsa-pkcs8.pem -traditional -outform DER -out rsa-pkcs1.der
mk rsa-pkcs1-aes128.pem "PKCS#1, legacy PEM encryption AES-128-CBC" openssl rsa -in rsa-pkcs8.pem -traditional -aes128 -passout pass:$PASS -out rsa-pkcs1-aes128.pem
mk rsa-pkcs1-aes256.pem "PKCS#1, legacy PEM encryption AES-256-CBC" openssl rsa -in rsa-pkcs8.pem -traditional -aes256 -passout pass:$PASS -out rsa-pkcs1-aes256.pem
mk rsa-pkcs1-des3.pem "PKCS#1, legacy PEM encryption DES-EDE3-CBC" openssl rsa -in rsa-pkcs8.pem -traditional -des3 -passout pass:$PASS -out rsa-pkcs1-des3.pem
mk rsa-pkcs1-camellia.pem "PKCS#1, legacy PEM encryption CAMELLIA-128-CBC (unsupported on purpose)" openssl rsa -in rsa-pkcs8.pem -traditional -camellia128 -passout pass:$PASS -out rsa-pkcs1-camellia.pem
mk rsa-pbes2-default.pem "encrypted PKCS#8, OpenSSL's default (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC)" openssl pkcs8 -topk8 -in rsa-pkcs8.pem -passout pass:$PASS -out rsa-pbes2-default.pem
mk rsa-pbes2-sha1-aes128.pem "PBES2, PBKDF2-HMAC-SHA1, AES-128-CBC" openssl pkcs8 -topk8 -in rsa-pkcs8.pem -v2 aes-128-cbc -v2prf hmacWithSHA1 -passout pass:$PASS -out rsa-pbes2-sha1-aes128.pem
mk rsa-pbes2-sha384-aes192.pem "PBES2, PBKDF2-HMAC-SHA384, AES-192-CBC" openssl pkcs8 -topk8 -in rsa-pkcs8.pem -v2 aes-192-cbc -v2prf hmacWithSHA384 -passout pass:$PASS -out rsa-pbes2-sha384-aes192.pem
mk rsa-pbes2-sha512-des3.pem "PBES2, PBKDF2-HMAC-SHA512, DES-EDE3-CBC" openssl pkcs8 -topk8 -in rsa-pkcs8.pem -v2 des3 -v2prf hmacWithSHA512 -passout pass:$PASS -out rsa-pbes2-sha512-des3.pem
mk rsa-pbes2-sha256-aes256.der "PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC, DER" openssl pkcs8 -topk8 -in rsa-pkcs8.pem -v2 aes-256-cbc -v2prf hmacWithSHA256 -outform DER -passout pass:$PASS -out rsa-pbes2-sha256-aes256.der
mk rsa-scrypt.pem "PBES2 with scrypt (N=16384, r=8, p=1), AES-256-CBC" openssl pkcs8 -topk8 -in rsa-pkcs8.pem -scrypt -passout pass:$PASS -out rsa-scrypt.pem
mk rsa-pbe-sha1-3des.pem "PKCS#12 PBE pbeWithSHAAnd3-KeyTripleDES-CBC" openssl pkcs8 -topk8 -in rsa-pkcs8.pem -v1 PBE-SHA1-3DES -passout pass:$PASS -out rsa-pbe-sha1-3des.pem
mk rsa-pbe-sha1-2des.pem "PKCS#12 PBE pbeWithSHAAnd2-KeyTripleDES-CBC" openssl pkcs8 -topk8 -in rsa-pkcs8.pem -v1 PBE-SHA1-2DES -passout pass:$PASS -out rsa-pbe-sha1-2des.pem
mk rsa-pbes2-camellia.pem "PBES2 with CAMELLIA-256-CBC (unsupported on purpose)" openssl pkcs8 -topk8 -in rsa-pkcs8.pem -v2 camellia-256-cbc -passout pass:$PASS -out rsa-pbes2-camellia.pem

mk ec-sec1.pem "EC P-256, SEC1 \`EC PRIVATE KEY\` (named curve, with public key)" openssl ecparam -name prime256v1 -genkey -noout -out ec-sec1.pem
mk ec-sec1.der "the same, DER" openssl ec -in ec-sec1.pem -outform DER -out ec-sec1.der
mk ec-sec1-aes256.pem "SEC1, legacy PEM encryption AES-256-CBC" openssl ec -in ec-sec1.pem -aes256 -passout pass:$PASS -out ec-sec1-aes256.pem
mk ec-pkcs8.pem "PKCS#8 \`PRIVATE KEY\`" openssl pkcs8 -topk8 -nocrypt -in ec-sec1.pem -out ec-pkcs8.pem
mk ec-pbes2.pem "encrypted PKCS#8 (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC)" openssl pkcs8 -topk8 -in ec-sec1.pem -v2 aes-256-cbc -passout pass:$PASS -out ec-pbes2.pem

mk ed25519.pem "Ed25519, PKCS#8 v1 (no public key: cannot be checked against a certificate)" openssl genpkey -algorithm ed25519 -out ed25519.pem

# Certificates, signed by the fixture CA (an RSA CA, so every chain can be checked).
cp fixtures/ca.pem fixtures/ca.key "$work/"
cert() { # name key subject serial
  openssl req -new -key "$out/$2" -subj "$3" -out "$work/$1.csr" 2>/dev/null
  mk "$1.crt" "certificate for \`$2\`, signed by \`../ca.pem\`" openssl x509 -req -in "$work/$1.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -set_serial "$4" -days 3650 -out "$1.crt"
  local row=${rows[-1]//$work\//}
  rows[-1]="${row% |}, after \`openssl req -new -key $2 -subj \"$3\" -out $1.csr\` |"
}
cert rsa rsa-pkcs8.pem "/C=FR/O=PartnerName/CN=keys-rsa.example.com" 0x4b01
cert ec ec-sec1.pem "/C=FR/O=PartnerName/CN=keys-ec.example.com" 0x4b02
cert ed25519 ed25519.pem "/C=FR/O=PartnerName/CN=keys-ed25519.example.com" 0x4b03
cat "$out/rsa-pbes2-default.pem" "$out/rsa.crt" fixtures/ca.pem > "$out/rsa-with-chain.pem"
rows+=("| \`rsa-with-chain.pem\` | \`rsa-pbes2-default.pem\`, \`rsa.crt\` and \`../ca.pem\` in one file | \`cat rsa-pbes2-default.pem rsa.crt ../ca.pem\` |")

{
  echo "# Key fixtures"
  echo
  echo "Made by \`scripts/gen-key-fixtures.sh\` with $ver; none is edited by hand."
  echo "Encrypted keys use the password \`$PASS\`. The keys are test keys and protect nothing."
  echo "Commands run inside \`fixtures/keys/\`; the CA is \`fixtures/ca.pem\` / \`fixtures/ca.key\`"
  echo "(rerun this script after \`scripts/gen-fixtures.sh\` remakes the CA)."
  echo
  echo "| file | what | command |"
  echo "|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out/README.md"
echo "wrote $(ls "$out" | wc -l) files to $out"
