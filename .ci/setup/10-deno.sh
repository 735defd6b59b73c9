#!/usr/bin/env bash
# Deno (pinned) from npm, and the project's npm dependencies cached from deno.lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash .ci/deno.sh --version | head -n 1
bash .ci/deno.sh install --frozen >/dev/null
