#!/usr/bin/env bash
# versitygw (a strict S3 server, posix backend) for the S3 integration tests, built from the Go
# module proxy with the machine's Go into .tools/bin. Idempotent: skips when the pinned version
# is already installed. Go's module and build caches stay in Go's default directories.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
version="v1.8.0"
bin_dir="$PWD/.tools/bin"
stamp="$PWD/.tools/versitygw.version"
if [ -x "$bin_dir/versitygw" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  echo "versitygw $version already installed"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Cannot install versitygw: 'go' (>= 1.25) is not on PATH" >&2
  exit 1
fi
mkdir -p "$bin_dir"
GOBIN="$bin_dir" GOFLAGS=-mod=mod CGO_ENABLED=0 \
  go install "github.com/versity/versitygw/cmd/versitygw@${version}"
echo "$version" >"$stamp"
echo "versitygw $version installed into $bin_dir"
