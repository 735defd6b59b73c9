# airq on AWS: an ECR repository for the image, four Batch job definitions (ingest, transform,
# compliance, load) that run `deno task <step>` in it, their log group, least-privilege IAM for the job role,
# the Airflow DAG uploaded for MWAA, and the policy Airflow needs (airflow_policy.tf). The bucket,
# the job queue (with its compute environment) and the job role exist already, or are created
# when create_bucket, create_job_queue, create_job_role say so (bucket.tf, compute.tf, role.tf);
# see docs/operations.md, "Terraform".

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# The existing role the containers run as, unless role.tf creates it; this configuration only
# adds a policy to it (iam.tf).
data "aws_iam_role" "job" {
  count = var.create_job_role ? 0 : 1
  name  = var.job_role_name
}

locals {
  name        = "${var.name_prefix}-airq"
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition
  lake_prefix = coalesce(var.lake_prefix, "${var.name_prefix}/airq")
  lake_uri    = "s3://${var.bucket}/${local.lake_prefix}"
  image       = "${aws_ecr_repository.airq.repository_url}:${var.image_tag}"
  # The "deployment" dimension of the tasks' metrics (AIRQ_DEPLOYMENT), which the alarms select.
  deployment = var.name_prefix

  # What every task reads (README: Ingest, Storage / S3, Load). AWS_REGION signs the S3 requests;
  # the S3 credentials come from the job role through the container credentials endpoint.
  environment = [
    { name = "AIRQ_LAKE", value = local.lake_uri },
    { name = "AIRQ_TIMEZONE", value = var.timezone },
    { name = "AIRQ_API_URL", value = var.api_url },
    { name = "AIRQ_PHENOMENA", value = var.phenomena },
    { name = "AIRQ_SNOWFLAKE_TABLE", value = var.snowflake_table },
    { name = "AWS_REGION", value = var.region },
    { name = "AIRQ_DEPLOYMENT", value = local.deployment },
  ]

  # Only the load job gets the Snowflake secret, key by key ("<arn>:<json-key>::" = the key's
  # value in the current version). The ECS agent resolves them with the execution role.
  snowflake_secrets = [
    for env_name, json_key in var.snowflake_secret_keys :
    { name = env_name, valueFrom = "${var.snowflake_secret_arn}:${json_key}::" }
  ]

  # One job definition per step; the DAG overrides the command with the run's date, e.g.
  # ["ingest", "--date", "2024-11-20"]. Without an override a step processes yesterday.
  jobs = {
    ingest = {
      command   = ["ingest"]
      resources = var.job_resources["ingest"]
      secrets   = false
    }
    transform = {
      command   = ["transform"]
      resources = var.job_resources["transform"]
      secrets   = false
    }
    compliance = {
      command   = ["compliance"]
      resources = var.job_resources["compliance"]
      secrets   = false
    }
    load = {
      command   = ["load"]
      resources = var.job_resources["load"]
      secrets   = true
    }
  }

  # Memory (MiB) Fargate accepts for each vCPU value.
  fargate_memory = {
    "0.25" = [512, 1024, 2048]
    "0.5"  = [1024, 2048, 3072, 4096]
    "1"    = range(2048, 8193, 1024)
    "2"    = range(4096, 16385, 1024)
    "4"    = range(8192, 30721, 1024)
    "8"    = range(16384, 61441, 4096)
    "16"   = range(32768, 122881, 8192)
  }
}
