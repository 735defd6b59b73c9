#!/usr/bin/env bash
# terraform apply of terraform/ against a local moto server, then checks what moto holds and that a
# second plan has no changes. Needs terraform, the hashicorp/aws provider in a plugin dir (no
# registry serves it; some machines carry /opt/tf-plugins) and moto_server + boto3.
# Usage: bash .ci/terraform_moto.sh [plugin-dir]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
plugins="${1:-/opt/tf-plugins}"
work="$(mktemp -d)"
moto_pid=""
cleanup() {
  [ -z "$moto_pid" ] || kill "$moto_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
endpoint="http://127.0.0.1:$port"
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 50); do curl -sf "$endpoint/moto-api/" >/dev/null 2>&1 && break; sleep 0.2; done

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=eu-west-1 \
  AWS_DEFAULT_REGION=eu-west-1 TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 MOTO="$endpoint"

# What the shared AWS account already has: the job role, the bucket, the Snowflake secret.
secret_arn="$(python3 - <<'PY'
import os, boto3
kw = dict(endpoint_url=os.environ["MOTO"], region_name="eu-west-1")
boto3.client("iam", **kw).create_role(
    RoleName="integrated-exercise-batch-job-role", AssumeRolePolicyDocument="{}")
boto3.client("s3", **kw).create_bucket(
    Bucket="data-track-integrated-exercise",
    CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
print(boto3.client("secretsmanager", **kw).create_secret(
    Name="snowflake/ana", SecretString='{"account": "a", "user": "u", "password": "p"}')["ARN"])
PY
)"

mkdir -p "$work/tree"
cp -r "$root/terraform" "$root/dags" "$work/tree/"
cd "$work/tree/terraform"
cat >moto_override.tf <<EOF
provider "aws" {
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true
  endpoints {
    batch          = "$endpoint"
    ecr            = "$endpoint"
    iam            = "$endpoint"
    kms            = "$endpoint"
    logs           = "$endpoint"
    s3             = "$endpoint"
    secretsmanager = "$endpoint"
    sts            = "$endpoint"
  }
}
EOF
cat >terraform.tfvars <<EOF
name_prefix          = "ana"
image_tag            = "ci-1"
snowflake_secret_arn = "$secret_arn"
EOF

terraform init -backend=false -input=false -no-color -plugin-dir="$plugins" >/dev/null
terraform apply -auto-approve -input=false -no-color >"$work/apply.log" || { cat "$work/apply.log"; exit 1; }
echo "terraform apply: $(grep -E '^Apply complete' "$work/apply.log")"
rc=0
terraform plan -detailed-exitcode -input=false -no-color >"$work/plan.log" || rc=$?
[ "$rc" -eq 0 ] || { echo "second plan is not empty (exit $rc):"; cat "$work/plan.log"; exit 1; }
echo "second plan: no changes"

DAG="$work/tree/dags/airq_dag.py" python3 - <<'PY'
import hashlib, json, os, boto3
kw = dict(endpoint_url=os.environ["MOTO"], region_name="eu-west-1")
batch, iam, s3 = (boto3.client(n, **kw) for n in ("batch", "iam", "s3"))
defs = {d["jobDefinitionName"]: d for d in batch.describe_job_definitions(status="ACTIVE")["jobDefinitions"]}
assert sorted(defs) == ["ana-airq-compliance", "ana-airq-ingest", "ana-airq-load", "ana-airq-transform"], sorted(defs)
for step in ("ingest", "transform", "compliance", "load"):
    d = defs[f"ana-airq-{step}"]
    c = d["containerProperties"]
    assert c["command"] == [step], c["command"]
    assert c["image"].endswith("/ana-airq:ci-1"), c["image"]
    assert d["platformCapabilities"] == ["FARGATE"], d["platformCapabilities"]
    assert [e["action"].upper() for e in d["retryStrategy"]["evaluateOnExit"]] == ["RETRY"] * 3 + ["EXIT"] * 2
    assert c["logConfiguration"]["options"]["awslogs-group"] == "/aws/batch/ana-airq"
    env = {e["name"]: e["value"] for e in c["environment"]}
    assert env["AIRQ_LAKE"] == "s3://data-track-integrated-exercise/ana/airq", env
    assert bool(c.get("secrets")) == (step == "load"), (step, c.get("secrets"))
doc = iam.get_role_policy(RoleName="integrated-exercise-batch-job-role", PolicyName="ana-airq-lake")["PolicyDocument"]
doc = json.loads(doc) if isinstance(doc, str) else doc
resources = sorted(r for s in doc["Statement"] for r in ([s["Resource"]] if isinstance(s["Resource"], str) else s["Resource"]))
assert resources == ["arn:aws:s3:::data-track-integrated-exercise", "arn:aws:s3:::data-track-integrated-exercise/ana/airq/*"], resources
head = s3.head_object(Bucket="data-track-integrated-exercise", Key="dags/airq_dag.py")
md5 = hashlib.md5(open(os.environ["DAG"], "rb").read()).hexdigest()
assert head["ETag"].strip('"') == md5, (head["ETag"], md5)
print("moto holds: 4 job definitions, the lake-prefix policy on the job role, dags/airq_dag.py (md5 ok)")
PY
