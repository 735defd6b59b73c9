#!/usr/bin/env bash
# terraform apply of terraform/ against a local moto server, twice, each in its own state:
#   existing  the defaults: bucket, job queue and job role exist (made here with boto3)
#   created   create_bucket, create_job_queue and create_job_role in subnets and a security group
#             made here, with the Airflow policy's optional secret and topic
# After each apply, a second plan must have no changes, and .ci/terraform_moto_check.py checks
# what moto holds against the outputs. Needs terraform, the hashicorp/aws provider in a plugin
# dir (no registry serves it; some machines carry /opt/tf-plugins) and moto_server + boto3.
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

# What a shared account already has (the job role, the bucket, the Snowflake secret), and what a
# new account brings to the "created" variant: a VPC with a subnet and a security group, Batch's
# service-linked role (moto, unlike AWS, wants the compute environment's service role named),
# and the secret holding the Airflow Variable.
made="$(python3 - <<'PY'
import os, boto3
kw = dict(endpoint_url=os.environ["MOTO"], region_name="eu-west-1")
iam, s3, sm, ec2 = (boto3.client(n, **kw) for n in ("iam", "s3", "secretsmanager", "ec2"))
iam.create_role(RoleName="integrated-exercise-batch-job-role", AssumeRolePolicyDocument="{}")
iam.create_role(RoleName="ana-mwaa-execution", AssumeRolePolicyDocument="{}")
s3.create_bucket(Bucket="data-track-integrated-exercise",
                 CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
secret = sm.create_secret(Name="snowflake/ana", SecretString='{"account": "a", "user": "u", "password": "p"}')
variable = sm.create_secret(Name="airflow/variables/airq_config", SecretString="{}")
vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
group = ec2.create_security_group(GroupName="airq-jobs", Description="airq jobs", VpcId=vpc)["GroupId"]
service = iam.create_role(RoleName="AWSServiceRoleForBatch", Path="/aws-service-role/batch.amazonaws.com/",
                          AssumeRolePolicyDocument="{}")["Role"]["Arn"]
print(f"secret_arn={secret['ARN']} variable_arn={variable['ARN']} subnet={subnet} group={group} service_role={service}")
PY
)"
eval "$made"

# apply_twice <variant> <tfvars>: apply in a fresh copy, then a plan that must be empty, then the
# checks of what moto holds.
apply_twice() {
  local variant="$1" tfvars="$2" dir="$work/$1"
  mkdir -p "$dir"
  cp -r "$root/terraform" "$root/dags" "$dir/"
  cat >"$dir/terraform/moto_override.tf" <<EOF
provider "aws" {
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  s3_use_path_style           = true
  endpoints {
    batch          = "$endpoint"
    cloudwatch     = "$endpoint"
    ec2            = "$endpoint"
    ecr            = "$endpoint"
    iam            = "$endpoint"
    kms            = "$endpoint"
    logs           = "$endpoint"
    s3             = "$endpoint"
    secretsmanager = "$endpoint"
    sns            = "$endpoint"
    sts            = "$endpoint"
  }
}

# moto (5.x) takes a bucket policy statement whose condition does not hold for Deny, whatever its
# effect, and knows no aws:SecureTransport: the TLS-only policy would refuse every object request.
# So moto gets a Deny without a condition on an action nothing here uses; the TLS-only document
# itself is checked in the state (and in tests/infra/terraform/bucket_test.ts).
resource "aws_s3_bucket_policy" "lake" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "MotoStandIn"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:PutBucketWebsite"
      Resource  = "arn:aws:s3:::\${var.bucket}"
    }]
  })
}
EOF
  printf '%s\n' "$tfvars" >"$dir/terraform/terraform.tfvars"
  (
    cd "$dir/terraform"
    terraform init -backend=false -input=false -no-color -plugin-dir="$plugins" >/dev/null
    terraform apply -auto-approve -input=false -no-color >"$dir/apply.log" || { cat "$dir/apply.log"; exit 1; }
    echo "$variant: terraform apply: $(grep -E '^Apply complete' "$dir/apply.log")"
    local rc=0
    terraform plan -detailed-exitcode -input=false -no-color >"$dir/plan.log" || rc=$?
    [ "$rc" -eq 0 ] || { echo "$variant: second plan is not empty (exit $rc):"; cat "$dir/plan.log"; exit 1; }
    echo "$variant: second plan: no changes"
    terraform output -json >"$dir/outputs.json"
    terraform show -json >"$dir/state.json"
  )
  SUBNET="$subnet" GROUP="$group" VARIABLE_ARN="$variable_arn" python3 "$root/.ci/terraform_moto_check.py" "$variant" "$dir" "$dir/dags/airq_dag.py"
}

apply_twice existing "$(cat <<EOF
name_prefix          = "ana"
image_tag            = "ci-1"
snowflake_secret_arn = "$secret_arn"
alarm_emails         = ["ops@example.org"]
mwaa_execution_role_name = "ana-mwaa-execution"
EOF
)"

# A created queue needs its network: without subnets the plan stops at the precondition.
refused="$(cd "$work/existing/terraform" && terraform plan -input=false -no-color -var create_job_queue=true 2>&1)" &&
  { echo "existing: create_job_queue without subnet_ids was not refused"; exit 1; }
tr -s ' \n' ' ' <<<"$refused" | grep -q "Cannot create the job queue's compute environment: set subnet_ids and security_group_ids" ||
  { echo "existing: create_job_queue without subnet_ids failed otherwise:"; echo "$refused"; exit 1; }
echo "existing: create_job_queue without subnet_ids: refused by the plan"

apply_twice created "$(cat <<EOF
name_prefix             = "bob"
image_tag               = "ci-1"
snowflake_secret_arn    = "$secret_arn"
bucket                  = "bob-airq-lake"
create_bucket           = true
job_role_name           = "bob-airq-batch-job"
create_job_role         = true
job_queue               = "bob-airq"
create_job_queue        = true
subnet_ids              = ["$subnet"]
security_group_ids      = ["$group"]
batch_service_role_arn  = "$service_role"
airflow_secret_arns     = ["$variable_arn"]
airflow_alarm_topic_arn = "arn:aws:sns:eu-west-1:123456789012:bob-airq-alarms"
EOF
)"
