#!/usr/bin/env bash
# Debian packages the test suite needs outside npm: pre-commit (test/unit/scan-hooks.test.ts runs the
# repository's .pre-commit-hooks.yaml with it). Installs only what is missing; CI runs it before npm test.
set -euo pipefail
missing=()
for pkg in pre-commit; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "[setup-system] installing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
