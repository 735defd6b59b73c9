#!/usr/bin/env bash
# Fails when a log holds a line from Deno's warning printer ("Warning …" at the start of a
# line, with or without colour codes): no task, test, demo or bench run may print one.
# Usage: bash .ci/no_deno_warnings.sh <log file>…   (prints the offending lines, exit 1)
set -uo pipefail
pattern=$'^(\x1b\\[[0-9;]*m)*Warning(\x1b\\[[0-9;]*m)*[ :]'
status=0
for log in "$@"; do
  if grep -naE -m 20 "$pattern" "$log" | sed "s|^|$log:|"; then
    status=1
  fi
done
if [ "$status" -ne 0 ]; then
  echo "Cannot pass: Deno printed a warning (lines above); fix its cause, do not filter it" >&2
fi
exit "$status"
