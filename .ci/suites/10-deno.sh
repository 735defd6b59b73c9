#!/usr/bin/env bash
# Every Deno test (unit, fixture-server, S3, DuckDB-WASM, Snowflake emulator, ...).
# Converts Deno's summary "ok | N passed | M failed | K ignored" into "N passed, M failed,
# K skipped", with one "skipped: <file> => <test>" line per ignored test or step before it.
# Usage: bash .ci/suites/10-deno.sh [test paths...] (default tests/ fixture_api/tests/)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
paths=("$@")
if [ "${#paths[@]}" -eq 0 ]; then
  for p in tests/ fixture_api/tests/; do [ -d "$p" ] && paths+=("$p"); done
fi
out="$(mktemp)"
TZ=UTC NO_COLOR=1 bash .ci/deno.sh test -A --parallel "${paths[@]}" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
summary="$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$out" | tail -n 1)"
passed="$(echo "$summary" | sed -nE 's/.*\| ([0-9]+) passed.*/\1/p')"
failed="$(echo "$summary" | sed -nE 's/.*\| ([0-9]+) failed.*/\1/p')"
skipped_names="$(sed -nE 's/^(.*) \.\.\. ignored \([0-9.]+m?s\)$/\1/p' "$out")"
rm -f "$out"
skipped=0
if [ -n "$skipped_names" ]; then
  skipped="$(echo "$skipped_names" | wc -l)"
  echo "$skipped_names" | sed 's/^/skipped: /'
fi
echo "${passed:-0} passed, ${failed:-1} failed, ${skipped} skipped"
exit "$rc"
