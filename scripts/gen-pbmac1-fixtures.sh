#!/usr/bin/env bash
# Turns the RFC 9579 Appendix A test vectors (fixtures/pbmac1/A.N.b64, the
# base64 text as the RFC prints it) into the PKCS#12 files the tests read
# (fixtures/pbmac1/A.N.p12), and checks each against an independent reader:
# Python `cryptography` (its bundled OpenSSL, 3.4 or later, reads PBMAC1).
# A.1-A.3 must open with the password "1234"; A.4-A.6 must be refused.
#
# Usage: scripts/gen-pbmac1-fixtures.sh   (from the repository root)
set -euo pipefail
OUT=fixtures/pbmac1
for i in 1 2 3 4 5 6; do
  base64 -d "$OUT/A.$i.b64" >"$OUT/A.$i.p12"
done
python3 - "$OUT" <<'PY'
import sys, warnings
from cryptography.hazmat.primitives.serialization import pkcs12
warnings.simplefilter("ignore")
out = sys.argv[1]
for i in range(1, 7):
    data = open(f"{out}/A.{i}.p12", "rb").read()
    try:
        pkcs12.load_pkcs12(data, b"1234")
        opened = True
    except ValueError:
        opened = False
    assert opened == (i <= 3), f"A.{i}: opened={opened}"
    print(f"A.{i}: {'opens' if opened else 'refused'}, as RFC 9579 says")
PY
