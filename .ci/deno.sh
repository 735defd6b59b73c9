#!/usr/bin/env bash
# Runs the project's pinned Deno, installing it from npm into .tools/ on first use.
# Usage: bash .ci/deno.sh <deno args...>
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The version is written once, in the Dockerfile's `FROM denoland/deno:debian-<version>[@sha256:…]`
# line.
DENO_VERSION="$(sed -nE 's/^FROM denoland\/deno:debian-([0-9]+\.[0-9]+\.[0-9]+)(@sha256:[0-9a-f]{64})?$/\1/p' "$root/Dockerfile")"
[ -n "$DENO_VERSION" ] || {
  echo "airq: cannot read the Deno version: no \"FROM denoland/deno:debian-<version>\" line in $root/Dockerfile" >&2
  exit 2
}
bin="$root/.tools/bin/deno"
if [ ! -x "$bin" ] || ! "$bin" --version 2>/dev/null | grep -q "^deno $DENO_VERSION "; then
  echo "airq: installing deno $DENO_VERSION from npm into .tools/" >&2
  mkdir -p "$root/.tools/npm-deno" "$root/.tools/bin"
  npm install --silent --no-audit --no-fund --no-save --prefix "$root/.tools/npm-deno" "deno@$DENO_VERSION" >&2
  real="$(find "$root/.tools/npm-deno/node_modules/@deno" -maxdepth 2 -type f -name deno | head -n 1)"
  [ -n "$real" ] || { echo "airq: cannot find the deno binary in the npm package" >&2; exit 1; }
  cp "$real" "$bin.tmp" && chmod +x "$bin.tmp" && mv "$bin.tmp" "$bin"
fi

exec "$bin" "$@"
