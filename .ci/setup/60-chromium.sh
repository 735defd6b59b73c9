#!/usr/bin/env bash
# Headless Chromium from Debian for the report's end-to-end test (driven by npm playwright-core,
# pinned in deno.json). Idempotent: does nothing when /usr/bin/chromium already runs.
set -euo pipefail
if [ -x /usr/bin/chromium ] && /usr/bin/chromium --version >/dev/null 2>&1; then
  /usr/bin/chromium --version
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
