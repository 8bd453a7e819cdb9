#!/usr/bin/env bash
# Makes certificates with real keytool and openssl, and beside each one what
# `keytool -printcert -file` says of it, for the certificate-text tests.
#
#   scripts/gen-text-fixtures.sh [OUT_DIR]
#
# OUT_DIR defaults to fixtures/text. For each case NAME it writes:
#   NAME.der        the certificate
#   NAME.txt        `keytool -printcert -file NAME.der` (stdout, exactly)
#   NAME.cmd        the command that made the certificate
#   NAME.pem        (keytool cases) `keytool -exportcert -rfc`
# and for kt-rsa2048 also `keytool -certreq` (.csr) and its DER (.csr.der).
# and versions.txt with the keytool and openssl versions used.
#
# The integration tests run this script into a temporary directory and
# compare our rendering with keytool's for every case, so adding a case here
# adds a test. Only the cases listed in COMMITTED are kept under fixtures/text.
#
# Never touches ~/.keystore: every keystore lives in a scratch directory.
# Environment: KEYTOOL and OPENSSL override the tools (default: from PATH).

set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/fixtures/text}
KEYTOOL=${KEYTOOL:-keytool}
OPENSSL=${OPENSSL:-openssl}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

# Java's Date.toString uses the JVM's default zone; pin it so the expected
# text matches what we print (UTC).
export TZ=UTC

{
    echo "keytool: $("$KEYTOOL" -J-version 2>&1 | head -n 1)"
    echo "openssl: $("$OPENSSL" version)"
} > "$OUT/versions.txt"

record() { # NAME CMD...: run CMD, which must write $WORK/NAME.der
    local name=$1
    shift
    printf '%s\n' "$*" | sed "s|^$OPENSSL |openssl |" > "$OUT/$name.cmd"
    "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; "$@"; exit 1; }
    cp "$WORK/$name.der" "$OUT/$name.der"
    # keytool's own PEM (-exportcert -rfc) and request (-certreq), when made.
    for x in pem csr csr.der; do
        if [ -f "$WORK/$name.$x" ]; then cp "$WORK/$name.$x" "$OUT/$name.$x"; fi
    done
    "$KEYTOOL" -printcert -file "$OUT/$name.der" > "$OUT/$name.txt"
}

# keytool -genkeypair ... then -exportcert to NAME.der.
kt() { # NAME genkeypair-args...
    local name=$1
    shift
    record "$name" bash -c '
        set -e
        k=$1; n=$2; shift 2
        "$k" -genkeypair -keystore "$n.p12" -storetype PKCS12 -storepass changeit \
            -alias a "$@"
        "$k" -exportcert -keystore "$n.p12" -storepass changeit -alias a -file "$n.der"
        "$k" -exportcert -rfc -keystore "$n.p12" -storepass changeit -alias a -file "$n.pem"
    ' kt "$KEYTOOL" "$name" "$@"
    {
        printf 'keytool -genkeypair -keystore %s.p12 -storetype PKCS12 -storepass changeit -alias a' "$name"
        printf ' %q' "$@"
        printf '\nkeytool -exportcert -keystore %s.p12 -storepass changeit -alias a -file %s.der\n' "$name" "$name"
    } > "$OUT/$name.cmd"
}

# openssl req -x509 ... -outform DER -out NAME.der
ossl() { # NAME req-args...
    local name=$1
    shift
    record "$name" "$OPENSSL" req -x509 -nodes -keyout "$name.key" -outform DER -out "$name.der" "$@"
}

cat > ext.cnf <<'EOF'
[req]
distinguished_name = dn
[dn]
[full]
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always,issuer:always
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,digitalSignature,keyCertSign,cRLSign
extendedKeyUsage = serverAuth,clientAuth,msCodeInd,1.3.6.1.4.1.99999.1
subjectAltName = @san
issuerAltName = email:ca@example.com,URI:http://ca.example.com/
authorityInfoAccess = OCSP;URI:http://ocsp.example.com/,caIssuers;URI:http://ca.example.com/ca.crt,1.2.3.4;URI:http://other.example.com/
crlDistributionPoints = URI:http://crl.example.com/a.crl,URI:ldap://ldap.example.com/cn=crl
certificatePolicies = 2.5.29.32.0,1.2.3.4.5,@pol
nsCertType = client,server,email,objsign,sslCA,emailCA,objCA
nsComment = "made by gen-text-fixtures"
[san]
DNS.1 = www.example.com
DNS.2 = *.example.com
IP.1 = 192.0.2.1
IP.2 = 2001:db8::1
IP.3 = ::
email.1 = someone@example.com
URI.1 = https://example.com/path?q=1#frag
RID.1 = 1.2.3.4
dirName.1 = dir
otherName.1 = 1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com
[dir]
CN = Dir Name
O = Example
[pol]
policyIdentifier = 1.3.6.1.4.1.99999.2
CPS.1 = "http://cps.example.com/"
userNotice.1 = @notice
[notice]
explicitText = "Explicit text"
organization = "Example Org"
noticeNumbers = 1,2
[crldp]
crlDistributionPoints = dp1, dp2
[dp1]
fullname = URI:http://crl.example.com/dp1.crl
reasons = keyCompromise,CACompromise,affiliationChanged,superseded,cessationOfOperation,certificateHold,privilegeWithdrawn,AACompromise
CRLissuer = dirName:dir
[dp2]
relativename = rel
[rel]
CN = Relative
[misc]
basicConstraints = CA:FALSE
keyUsage = keyAgreement,encipherOnly,decipherOnly
subjectInfoAccess = caRepository;URI:http://repo.example.com/,1.3.6.1.5.5.7.48.3;URI:http://ts.example.com/
authorityKeyIdentifier = keyid
inhibitAnyPolicy = 2
policyConstraints = requireExplicitPolicy:1,inhibitPolicyMapping:3
nameConstraints = permitted;DNS:example.com,permitted;IP:192.0.2.0/255.255.255.0,excluded;email:.bad.example.com
policyMappings = 1.2.3.4:1.2.3.5
1.2.3.4.5.6.7 = critical,DER:0403ABCDEF
[more]
inhibitAnyPolicy = critical,0
policyConstraints = requireExplicitPolicy:0
1.3.6.1.5.5.7.48.1.5 = ASN1:NULL
freshestCRL = URI:http://delta.example.com/d.crl
2.5.29.16 = DER:3022800F32303236303130313030303030305A810F32303237303130313030303030305A
subjectAltName = IP:10.0.0.1,IP:::ffff:10.0.0.2
nameConstraints = permitted;IP:2001:db8::/ffff:ffff:ffff:ffff::,excluded;dirName:dir
extendedKeyUsage = anyExtendedKeyUsage,ipsecUser,nsSGC,msSGC
[bad]
keyUsage = digitalSignature
2.5.29.37 = DER:0500
EOF
cp ext.cnf "$OUT/ext.cnf"

# --- keytool-made certificates ------------------------------------------
kt kt-rsa2048 -keyalg RSA -keysize 2048 -dname CN=test
kt kt-rsa-exts -keyalg RSA -keysize 2048 -dname CN=test -startdate "2026/01/05 03:04:05" \
    -ext san=dns:www.example.com,ip:192.0.2.1,ip:2001:db8::1,email:a@example.com,uri:https://example.com/x,oid:1.2.3.4 \
    -ext bc:c=ca:true,pathlen:2 \
    -ext ku:c=digitalSignature,nonRepudiation,keyEncipherment,dataEncipherment,keyAgreement,keyCertSign,cRLSign,encipherOnly,decipherOnly \
    -ext eku=serverAuth,clientAuth,codeSigning,emailProtection,timeStamping,OCSPSigning,1.2.3.4.5 \
    -ext ian=dns:issuer.example.com \
    -ext aia=ocsp:uri:http://ocsp.example.com,caIssuers:uri:http://ca.example.com/ca.crt \
    -ext sia=caRepository:uri:http://repo.example.com,timeStamping:uri:http://ts.example.com \
    -ext crl=uri:http://crl.example.com/a.crl \
    -ext 1.2.3.4.5.6=0403abcdef -ext 1.2.3.4.5.7= -ext 1.2.3.4.5.8:c=0411000102030405060708090a0b0c0d0e0f7f80ff
kt kt-bc-false -keyalg RSA -keysize 2048 -dname CN=test -ext bc=ca:false -ext ku=dig
kt kt-ec256 -keyalg EC -groupname secp256r1 -dname CN=test
kt kt-ec384 -keyalg EC -groupname secp384r1 -dname CN=test -sigalg SHA256withECDSA
kt kt-ec521 -keyalg EC -groupname secp521r1 -dname CN=test -sigalg SHA512withECDSA
kt kt-ed25519 -keyalg Ed25519 -dname CN=test
kt kt-ed448 -keyalg Ed448 -dname CN=test
kt kt-rsa1024-sha1 -keyalg RSA -keysize 1024 -sigalg SHA1withRSA -dname CN=test
kt kt-rsa3072-sha384 -keyalg RSA -keysize 3072 -sigalg SHA384withRSA -dname CN=test
kt kt-rsa-sha512 -keyalg RSA -keysize 2048 -sigalg SHA512withRSA -dname CN=test
kt kt-rsapss -keyalg RSASSA-PSS -keysize 2048 -dname CN=test
kt kt-dsa -keyalg DSA -keysize 2048 -dname CN=test
kt kt-long-dates -keyalg EC -dname CN=test -startdate "1999/12/31 23:59:59" -validity 40000
kt kt-dname -keyalg EC -dname "CN=Duke, OU=JavaSoft, O=Sun Microsystems, L=Cupertino, ST=CA, C=US"

"$KEYTOOL" -certreq -keystore kt-rsa2048.p12 -storepass changeit -alias a -file kt-rsa2048.csr
"$OPENSSL" req -in kt-rsa2048.csr -outform DER -out kt-rsa2048.csr.der
cp kt-rsa2048.csr kt-rsa2048.csr.der "$OUT/"

# --- openssl-made certificates ------------------------------------------
ossl os-full -newkey rsa:2048 -subj /CN=test -config ext.cnf -extensions full -set_serial 0x00ff0102
ossl os-crldp -newkey ec -pkeyopt ec_paramgen_curve:P-384 -subj /CN=test -config ext.cnf -extensions crldp -set_serial 1
ossl os-misc -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=test -config ext.cnf -extensions misc -set_serial 0x0a
ossl os-bad-ext -newkey rsa:2048 -subj /CN=test -config ext.cnf -extensions bad -set_serial -1234
ossl os-sha1 -newkey rsa:2048 -sha1 -subj /CN=test -set_serial 0x7f
ossl os-md5 -newkey rsa:2048 -md5 -subj /CN=test -set_serial 0x80
ossl os-sha224 -newkey rsa:2048 -sha224 -subj /CN=test
ossl os-ec-sha224 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha224 -subj /CN=test
ossl os-ec384 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -sha384 -subj /CN=test
ossl os-ed25519 -newkey ed25519 -subj /CN=test -addext "subjectAltName=IP:2001:db8:0:0:1:0:0:1,email:x@example.com,URI:urn:example:1"
ossl os-ed448 -newkey ed448 -subj /CN=test
ossl os-pss -newkey rsa:2048 -sigopt rsa_padding_mode:pss -sha256 -sigopt rsa_pss_saltlen:32 -subj /CN=test
ossl os-rsa-pss-key -newkey rsa-pss -pkeyopt rsa_keygen_bits:2048 -subj /CN=test
ossl os-secp256k1 -newkey ec -pkeyopt ec_paramgen_curve:secp256k1 -subj /CN=test
ossl os-rsa512 -newkey rsa:512 -subj /CN=test
ossl os-pss1024-key -newkey rsa-pss -pkeyopt rsa_keygen_bits:1024 -subj /CN=test
"$OPENSSL" dsaparam -out dsa1024.param 1024 2> /dev/null
ossl os-dsa1024 -newkey dsa:dsa1024.param -subj /CN=test
ossl os-dname -newkey ec -subj "/C=US/ST=California/L=San Francisco/O=Example, Inc./OU=Unit+CN=Multi/CN=test" -pkeyopt ec_paramgen_curve:P-256

ossl os-more -newkey ec -pkeyopt ec_paramgen_curve:P-521 -subj /CN=test -config ext.cnf -extensions more

# An X25519 key, which only a certificate signed by another key can carry.
record os-x25519 bash -c '
    set -e
    "$1" genpkey -algorithm x25519 -out x25519.key
    "$1" pkey -in x25519.key -pubout -out x25519.pub
    "$1" req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout x25519-ca.key -subj /CN=test -out x25519.csr
    "$1" x509 -req -in x25519.csr -signkey x25519-ca.key -force_pubkey x25519.pub -outform DER -out os-x25519.der
' ossl "$OPENSSL"
cat > "$OUT/os-x25519.cmd" <<'CMD'
openssl genpkey -algorithm x25519 -out x25519.key
openssl pkey -in x25519.key -pubout -out x25519.pub
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout x25519-ca.key -subj /CN=test -out x25519.csr
openssl x509 -req -in x25519.csr -signkey x25519-ca.key -force_pubkey x25519.pub -outform DER -out os-x25519.der
CMD

# A version 1 certificate: openssl x509 -req without extensions.
record os-v1 bash -c '
    set -e
    "$1" req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout v1.key -subj /CN=test -out v1.csr
    "$1" x509 -req -in v1.csr -signkey v1.key -days 30 -outform DER -out os-v1.der
' ossl "$OPENSSL"
cat > "$OUT/os-v1.cmd" <<'CMD'
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout v1.key -subj /CN=test -out v1.csr
openssl x509 -req -in v1.csr -signkey v1.key -days 30 -outform DER -out os-v1.der
CMD

# Keep the committed fixtures small: only the cases listed here stay in
# fixtures/text (the tests regenerate the full set in a temp dir).
COMMITTED="kt-rsa2048 kt-rsa-exts kt-ec384 kt-ed25519 kt-rsa1024-sha1 os-full os-crldp os-misc os-bad-ext os-dname os-more os-x25519"
if [ "${ALL:-}" != 1 ] && [ "$OUT" = "$ROOT/fixtures/text" ]; then
    for f in "$OUT"/*.der; do
        n=$(basename "$f" .der)
        n=${n%.csr}
        case " $COMMITTED " in
            *" $n "*) ;;
            *) rm -f "$OUT/$n".{der,txt,cmd,pem,csr,csr.der} ;;
        esac
    done
fi

# fixtures/text/README.md: what made each file, with which tools.
if [ "$OUT" = "$ROOT/fixtures/text" ]; then
    {
        echo "# Certificate-text fixtures"
        echo
        echo "Made by \`scripts/gen-text-fixtures.sh\` (run it with no argument to remake"
        echo "this folder; \`ALL=1\` keeps every case). For each \`NAME.der\`, \`NAME.txt\` is"
        echo "exactly what \`keytool -printcert -file NAME.der\` printed on stdout with"
        echo "\`TZ=UTC\`, and \`NAME.cmd\` is the command that made the certificate."
        echo "\`NAME.pem\` is \`keytool -exportcert -rfc\`; \`kt-rsa2048.csr\` is"
        echo "\`keytool -certreq\` and \`kt-rsa2048.csr.der\` its DER (via \`openssl req\`)."
        echo "The tests (\`tests/it/text.rs\`) render each certificate with"
        echo "\`rkeytool::text\` and compare line by line. \`ext.cnf\` is the OpenSSL"
        echo "configuration the \`-config ext.cnf\` commands below used."
        echo
        echo "Tools:"
        echo
        sed 's/^/    /' "$OUT/versions.txt"
        echo
        echo "Files:"
        for f in "$OUT"/*.cmd; do
            n=$(basename "$f" .cmd)
            echo
            echo "* \`$n.der\`:"
            echo
            sed 's/^/      $ /' "$f"
        done
    } > "$OUT/README.md"
fi
