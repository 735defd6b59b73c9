#!/usr/bin/env bash
# Regenerates the hash-pinned Python requirement files CI installs (pip install --require-hashes)
# from their .in files, with pip-tools from PyPI in a throwaway venv, on Python 3.11 (the CI's
# and MWAA 2.10.3's). Run after editing a .in file (or .ci/airflow-constraints.txt); commit both.
#   tests/fakesnow_bridge/requirements.in -> requirements.txt   (.ci/setup/30-fakesnow.sh)
#   .ci/python/infra.in                   -> infra.txt          (.ci/setup/40-infra-tools.sh)
#   .ci/python/airflow.in                 -> airflow.txt        (.ci/setup/50-airflow.sh)
#   bench/requirements.in                 -> requirements.txt   (.ci/setup/70-bench.sh)
# Usage: bash .ci/pip_compile.sh [file.in…]   (default: all four)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PIP_TOOLS_VERSION=7.6.2
python3 -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
  || { echo "Cannot compile: Python 3.11 is required" >&2; exit 1; }
venv="$(mktemp -d)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "pip-tools==$PIP_TOOLS_VERSION"
files=("$@")
[ "${#files[@]}" -gt 0 ] || files=(tests/fakesnow_bridge/requirements.in .ci/python/infra.in
  .ci/python/airflow.in bench/requirements.in)
for in in "${files[@]}"; do
  out="${in%.in}.txt"
  echo "pip-compile: $in -> $out" >&2
  # Run from the .in file's folder so its relative -c path and the header stay stable.
  # PyPI only (no local find-links): the hashes must be those of the files CI downloads.
  # Extras stay on their lines (connexion[flask]==…): --require-hashes needs them pinned too;
  # pip-tools 7.6.2 keeps them by default and warns that 8.0 will not: bump it with --no-strip-extras.
  (cd "$(dirname "$in")" && env -u PIP_FIND_LINKS "$venv/bin/pip-compile" --quiet --generate-hashes \
    --allow-unsafe --no-emit-index-url --no-emit-find-links --resolver=backtracking \
    --output-file "$(basename "$out")" "$(basename "$in")")
done
