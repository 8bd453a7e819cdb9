#!/usr/bin/env bash
# Makes the certificate corpus of issue 16 ("certificates as keytool sees
# them") with real keytool and OpenSSL: one or more files for every class of
# certificate, request and PKCS#7 that rkeytool once read or printed
# differently from keytool.
#
#   scripts/gen-wild-fixtures.sh [OUT_DIR]
#
# OUT_DIR defaults to fixtures/certs-wild. Each file's line in that folder's
# README gives the command that made it. tests/it/wild.rs prints every file
# with keytool 17 and with rkeytool (generation 17) and compares stdout,
# stderr and exit status; the known differences are listed, with their
# reason, in the test and in the README.
#
# Never touches ~/.keystore: every keystore lives in a scratch directory.
# Environment: KEYTOOL and OPENSSL override the tools (default: from PATH).

set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/fixtures/certs-wild}
KEYTOOL=${KEYTOOL:-keytool}
OPENSSL=${OPENSSL:-openssl}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export TZ=UTC

UUID_OID=2.25.329800735698586629295641978511506172918
kt() { "$KEYTOOL" "$@" -storepass changeit 2>/dev/null; }
# keytool-made certificate: NAME, then -genkeypair options.
kt_cert() {
    local name=$1
    shift
    kt -genkeypair -keystore "$name.p12" -alias a "$@" >/dev/null
    kt -exportcert -keystore "$name.p12" -alias a -file "$OUT/$name.der" >/dev/null
}
# OpenSSL self-signed certificate: NAME, then `openssl req -x509` options.
ossl_cert() {
    local name=$1
    shift
    "$OPENSSL" req -x509 -nodes -keyout "$name.key" -days 3650 "$@" -out "$OUT/$name.pem" 2>/dev/null
}

# 1. Object identifiers beyond const-oid's limits.
kt_cert kt-oid-uuid-name-ext -keyalg EC -groupname secp256r1 \
    -dname "CN=x, OID.$UUID_OID=foo" -ext "$UUID_OID=0500" -ext "eku=$UUID_OID,serverAuth"
ossl_cert ossl-oid-uuid-policies -newkey rsa:2048 -subj /CN=policies \
    -addext "certificatePolicies=$UUID_OID,2.999.1" -addext "extendedKeyUsage=$UUID_OID,1.2.3.4"
ossl_cert ossl-oid-2-100-name -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
    -subj "/CN=arc/2.100.3=second arc of 100"

# 2. String tags der does not know, in names (keytool writes what -dname's #hex says).
kt_cert kt-tags-odd -keyalg EC -groupname secp256r1 \
    -dname "CN=#1c0400000041, OU=#190141, O=#1d0141, L=#070141, ST=#0b0141, C=#1a024652"
kt_cert kt-tags-known -keyalg EC -groupname secp256r1 \
    -dname "CN=#1e020041, OU=#140141, O=#1b0141, L=#160141, ST=#120131, DC=#0c0141"

# 3. Serial numbers, BER and DER PKCS#7.
ossl_cert ossl-serial-21-octets -newkey rsa:2048 -subj /CN=serial21 \
    -set_serial 0x8123456789abcdef0123456789abcdef01234567
ossl_cert ossl-serial-negative -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=negative \
    -set_serial -0x1234
echo hello > msg.txt
"$OPENSSL" cms -sign -in msg.txt -signer "$OUT/ossl-serial-21-octets.pem" \
    -inkey ossl-serial-21-octets.key -certfile "$OUT/ossl-oid-uuid-policies.pem" \
    -stream -nodetach -outform DER -out "$OUT/ossl-cms-stream-ber.p7b"
"$OPENSSL" cms -sign -in msg.txt -signer "$OUT/ossl-serial-21-octets.pem" \
    -inkey ossl-serial-21-octets.key -stream -nodetach -outform PEM -out cms.pem
sed 's/ CMS-----/ PKCS7-----/' cms.pem > "$OUT/ossl-cms-stream-ber-pkcs7.pem"

# 4. Text of -printcert: weak and disabled algorithms, key sizes, SANs.
ossl_cert ossl-sha1-codesigning -newkey rsa:1024 -subj /CN=codesigning -sha1 \
    -addext "extendedKeyUsage=serverAuth,codeSigning"
ossl_cert ossl-sha1-plain -newkey rsa:2048 -subj /CN=sha1 -sha1
ossl_cert ossl-md5 -newkey rsa:2048 -subj /CN=md5 -md5
ossl_cert ossl-rsa-512 -newkey rsa:512 -subj /CN=tiny
ossl_cert ossl-ed448 -newkey ed448 -subj /CN=ed448
ossl_cert ossl-rsa-pss -newkey rsa-pss -pkeyopt rsa_keygen_bits:2048 -subj /CN=pss
ossl_cert ossl-dsa -newkey dsa:<("$OPENSSL" dsaparam 2048 2>/dev/null) -subj /CN=dsa
ossl_cert ossl-san-every-kind -newkey ec -pkeyopt ec_paramgen_curve:P-384 -subj /CN=san \
    -addext "subjectAltName=DNS:a.example,email:a@example.com,URI:https://example.com/x,IP:10.1.2.3,IP:2001:db8::1,RID:1.2.3.4,dirName:dir_sect,otherName:1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.com" \
    -config <(printf '[req]\ndistinguished_name=dn\n[dn]\n[dir_sect]\nO=Dir Org\nCN=Dir Name\n')
ossl_cert ossl-sm2-curve -newkey ec -pkeyopt ec_paramgen_curve:SM2 -subj /CN=sm2
"$OPENSSL" crl2pkcs7 -nocrl -certfile "$OUT/ossl-sha1-codesigning.pem" \
    -certfile "$OUT/ossl-md5.pem" -certfile "$OUT/ossl-rsa-512.pem" -out "$OUT/ossl-weak-bundle.p7b"

# 5. Requests.
printf '[req]\ndistinguished_name=dn\nattributes=attrs\nreq_extensions=ext\nprompt=no\n[dn]\nCN=req\n[attrs]\nunstructuredName=An unstructured name\nchallengePassword=secret123\n[ext]\nsubjectAltName=DNS:example.com\nkeyUsage=digitalSignature\n' > req.cnf
"$OPENSSL" req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout r1.key \
    -config req.cnf -out "$OUT/ossl-req-attributes.csr" 2>/dev/null
"$OPENSSL" req -new -newkey rsa:1024 -nodes -keyout r2.key -subj /CN=weak -sha1 \
    -out "$OUT/ossl-req-weak.csr" 2>/dev/null
"$OPENSSL" req -new -newkey ed25519 -nodes -keyout r3.key -subj /CN=bare \
    -out "$OUT/ossl-req-bare.csr" 2>/dev/null
kt -genkeypair -keystore req.p12 -alias a -keyalg EC -groupname secp256r1 \
    -dname "CN=x, OID.$UUID_OID=foo, OU=#1c0400000041" >/dev/null
kt -certreq -keystore req.p12 -alias a -ext "$UUID_OID=0500" -file "$OUT/kt-req-oid-uuid.csr" >/dev/null
# The same request with one bit of its signature flipped.
"$OPENSSL" req -in "$OUT/ossl-req-attributes.csr" -outform DER -out good.der
python3 -c 'import sys; d=bytearray(open("good.der","rb").read()); d[-5]^=1; open("bad.der","wb").write(d)'
"$OPENSSL" req -inform DER -in bad.der -out "$OUT/ossl-req-bad-signature.csr"

{
    echo "keytool: $("$KEYTOOL" -J-version 2>&1 | head -n 1)"
    echo "openssl: $("$OPENSSL" version)"
} > "$OUT/VERSIONS.txt"
ls "$OUT"
