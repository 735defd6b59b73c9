#!/usr/bin/env bash
# Suite 40-infra: the Dockerfile and terraform/ checked by real tools, offline. One line per check
# ("skipped: <check> (<why>)" for a check that cannot run here), then "N passed, M failed,
# K skipped". Tools come from .ci/setup/40-infra-tools.sh.
#   hclfmt            every terraform/*.tf and the tfvars example are formatted (no diff)
#   infra-tests       the Deno tests of tests/infra/: Terraform structure (hcl2json), Dockerfile, Deno version
#   checkov-terraform checkov --framework terraform, clean (skips carry a reason next to them)
#   checkov-docker    checkov --framework dockerfile, clean
#   hadolint          hadolint Dockerfile, clean
#   image             .ci/build_image.sh: buildah build on the stand-in base, what the image ships,
#                     its packages and size, `<task> --help` of every image task, ingest -> transform
#                     -> compliance -> load inside the image with JSON-only stderr
#   terraform-moto    only where terraform + the hashicorp/aws provider + moto exist (not on a
#                     fresh machine): terraform apply against moto, then a plan with no changes
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export NO_COLOR=1 BC_SKIP_MAPPING=TRUE CHECKOV_RUN_SCA_PACKAGE_SCAN_V2=false
venv="$root/.tools/venv-infra/bin"
hclfmt="$root/.tools/bin/hclfmt"
logs="$root/.tools/test-logs/40-infra"
mkdir -p "$logs"
passed=0
failed=0
skipped=0

check() {
  local name="$1"
  shift
  local t0=$SECONDS
  if "$@" >"$logs/$name.log" 2>&1; then
    passed=$((passed + 1))
    echo "ok   $name ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    echo "FAIL $name ($((SECONDS - t0)) s): last lines of $logs/$name.log"
    tail -n 30 "$logs/$name.log" | sed 's/^/     /'
  fi
}

hclfmt_clean() {
  # The formatter must catch a misaligned "=" (terraform fmt's convention), or this check is void.
  local probe
  probe="$(mktemp --suffix=.tf)"
  printf 'variable "x" {\n  type = string\n  default = "a"\n}\n' >"$probe"
  if "$hclfmt" "$probe" | cmp -s - "$probe"; then
    echo "hclfmt did not align a misaligned block"
    rm -f "$probe"
    return 1
  fi
  rm -f "$probe"
  local status=0 file
  for file in terraform/*.tf terraform/terraform.tfvars.example; do
    if ! "$hclfmt" "$file" | diff -u "$file" - ; then
      echo "not formatted: $file (fix: .tools/bin/hclfmt -w $file)"
      status=1
    fi
  done
  if command -v terraform >/dev/null 2>&1; then
    TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -diff terraform/ || status=1
  fi
  return "$status"
}

checkov_run() {
  timeout 600 "$venv/checkov" --quiet --compact --skip-download "$@"
}

terraform_moto() {
  local plugins="${AIRQ_TF_PLUGIN_DIR:-/opt/tf-plugins}"
  bash "$root/.ci/terraform_moto.sh" "$plugins"
}

check hclfmt hclfmt_clean
check infra-tests bash .ci/deno.sh test -A --no-check=remote tests/infra/
check checkov-terraform checkov_run -d terraform --framework terraform
check checkov-docker checkov_run -f Dockerfile --framework dockerfile
check hadolint "$venv/hadolint" --no-color Dockerfile
check image bash .ci/build_image.sh

plugins="${AIRQ_TF_PLUGIN_DIR:-/opt/tf-plugins}"
if command -v terraform >/dev/null 2>&1 && [ -d "$plugins/registry.terraform.io/hashicorp/aws" ] &&
  command -v moto_server >/dev/null 2>&1 && python3 -c "import boto3" >/dev/null 2>&1; then
  check terraform-moto terraform_moto
else
  skipped=$((skipped + 1))
  echo "skipped: terraform-moto (needs terraform, the hashicorp/aws provider in $plugins, moto_server and boto3)"
fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
