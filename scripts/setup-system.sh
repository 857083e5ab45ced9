#!/usr/bin/env bash
# Debian packages the unit tests need outside npm: pre-commit (test/unit/scan-hooks.test.ts runs the
# repository's .pre-commit-hooks.yaml with it), and curl and Python's requests (the code "Copy as
# Code" generates is run for real). Installs only what is missing; npm test runs it before the unit tests.
set -euo pipefail
missing=()
for pkg in pre-commit; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v curl >/dev/null 2>&1 || missing+=(curl)
python3 -c 'import requests' >/dev/null 2>&1 || missing+=(python3-requests)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "[setup-system] installing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
