#!/usr/bin/env bash
# The mutation-testing tool of `deno task mutate`: StrykerJS, pinned with every dependency by
# .ci/mutate/stryker/package-lock.json, installed into .tools/stryker (idempotent).
# Needs Node.js >= 20.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/.ci/mutate/stryker"
dest="$root/.tools/stryker"
want="$(sed -nE 's/.*"@stryker-mutator\/core": "([0-9.]+)".*/\1/p' "$here/package.json")"
installed="$dest/node_modules/@stryker-mutator/core/package.json"
if [ -f "$installed" ] && grep -q "\"version\": \"$want\"" "$installed" &&
  cmp -s "$here/package-lock.json" "$dest/package-lock.json"; then
  exit 0
fi
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -lt 20 ]; then
  echo "Cannot install StrykerJS $want: it needs Node.js >= 20 (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 2
fi
echo "airq: installing StrykerJS $want into .tools/stryker" >&2
rm -rf "$dest"
mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
npm ci --silent --no-audit --no-fund --prefix "$dest" >&2
