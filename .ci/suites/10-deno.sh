#!/usr/bin/env bash
# Every Deno test (unit, fixture API, S3, DuckDB-WASM, Snowflake emulator, ...).
# Converts Deno's summary "ok | N passed | M failed" into "N passed, M failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="$(mktemp)"
TZ=UTC NO_COLOR=1 bash .ci/deno.sh test -A --parallel tests/ fixture_api/tests/ 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
summary="$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$out" | tail -n 1)"
passed="$(echo "$summary" | sed -nE 's/.*\| ([0-9]+) passed.*/\1/p')"
failed="$(echo "$summary" | sed -nE 's/.*\| ([0-9]+) failed.*/\1/p')"
rm -f "$out"
echo "${passed:-0} passed, ${failed:-1} failed"
exit "$rc"
