variable "name_prefix" {
  description = "Prefix of every resource name (your first name in the shared AWS account), e.g. \"ana\": ECR repository ana-airq, job definitions ana-airq-ingest|transform|compliance|load."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))
    error_message = "Cannot use name_prefix: it must be 1-20 lowercase letters, digits or \"-\", starting with a letter."
  }
}

variable "region" {
  description = "AWS region of the bucket, the registry and the Batch job definitions."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "Cannot use region: expected an AWS region name such as \"eu-west-1\"."
  }
}

variable "bucket" {
  description = "S3 bucket that holds the lake (under lake_prefix) and the MWAA DAGs (under dags/): an existing one, or the one create_bucket creates."
  type        = string
  default     = "data-track-integrated-exercise"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket))
    error_message = "Cannot use bucket: expected an S3 bucket name (3-63 lowercase letters, digits, \".\" or \"-\")."
  }
}

variable "create_bucket" {
  description = "true: create the bucket (SSE-KMS with the airq key, versioned, public access blocked, TLS only; bucket.tf). false: the bucket exists."
  type        = bool
  default     = false
}

variable "bucket_noncurrent_version_days" {
  description = "Created bucket only: days an overwritten or deleted object version is kept before it expires."
  type        = number
  default     = 90

  validation {
    condition     = var.bucket_noncurrent_version_days >= 1 && floor(var.bucket_noncurrent_version_days) == var.bucket_noncurrent_version_days
    error_message = "Cannot use bucket_noncurrent_version_days: expected a whole number of days, at least 1."
  }
}

variable "lake_prefix" {
  description = "Key prefix of the lake inside the bucket, without leading or trailing \"/\" (AIRQ_LAKE = s3://<bucket>/<lake_prefix>). Default: \"<name_prefix>/airq\". The job role may touch nothing else."
  type        = string
  default     = null

  validation {
    condition     = var.lake_prefix == null || can(regex("^[A-Za-z0-9_=-]+(/[A-Za-z0-9_=.-]+)*$", var.lake_prefix))
    error_message = "Cannot use lake_prefix: expected segments such as \"ana/airq\" (no leading, trailing or double \"/\", no \"..\")."
  }
}

variable "job_role_name" {
  description = "IAM role the containers run as (Batch jobRoleArn): an existing one, or the one create_job_role creates. This configuration attaches the lake-prefix policy to it."
  type        = string
  default     = "integrated-exercise-batch-job-role"
}

variable "create_job_role" {
  description = "true: create the job role named job_role_name (trusted by ECS tasks of this account; role.tf). false: the role exists."
  type        = bool
  default     = false
}

variable "execution_role_name" {
  description = "Existing IAM role the ECS agent uses to pull the image, write logs and read the Snowflake secret (Batch executionRoleArn). null: create \"<name_prefix>-airq-batch-execution\" with exactly those permissions."
  type        = string
  default     = null
}

variable "job_queue" {
  description = "AWS Batch job queue the DAG submits to: an existing one (its compute environment must match platform), or the one create_job_queue creates."
  type        = string
  default     = "integrated-exercise-job-queue"

  validation {
    condition     = length(var.job_queue) > 0
    error_message = "Cannot use job_queue: it is empty."
  }

  validation {
    condition     = !strcontains(var.job_queue, ":") && !strcontains(var.job_queue, "/")
    error_message = "Cannot use job_queue: expected the queue's name, not its ARN."
  }
}

variable "create_job_queue" {
  description = "true: create job_queue on a new Fargate compute environment in subnet_ids and security_group_ids (compute.tf). false: the queue exists."
  type        = bool
  default     = false
}

variable "subnet_ids" {
  description = "create_job_queue only: subnets the Fargate jobs run in. They need outbound HTTPS (NAT gateway or VPC endpoints; public subnets need assign_public_ip = \"ENABLED\")."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "Cannot use subnet_ids: expected subnet ids such as \"subnet-0123456789abcdef0\"."
  }
}

variable "security_group_ids" {
  description = "create_job_queue only: security groups of the Fargate jobs (outbound HTTPS; nothing inbound)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.security_group_ids : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "Cannot use security_group_ids: expected security group ids such as \"sg-0123456789abcdef0\"."
  }
}

variable "max_vcpus" {
  description = "create_job_queue only: vCPUs the compute environment may run at once (a backfill's array children share them)."
  type        = number
  default     = 16

  validation {
    condition     = var.max_vcpus >= 1 && floor(var.max_vcpus) == var.max_vcpus
    error_message = "Cannot use max_vcpus: expected a whole number, at least 1."
  }
}

variable "batch_service_role_arn" {
  description = "create_job_queue only: service role of the compute environment. null: AWS Batch's service-linked role (AWSServiceRoleForBatch)."
  type        = string
  default     = null
}

variable "image_tag" {
  description = "Tag of the airq image in the ECR repository (tags are immutable: use a new tag per build, e.g. the git commit)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag)) && var.image_tag != "latest"
    error_message = "Cannot use image_tag: expected a Docker tag other than \"latest\" (the repository's tags are immutable)."
  }
}

variable "platform" {
  description = "Batch platform of the job definitions: \"FARGATE\" or \"EC2\"; must match the job queue's compute environment."
  type        = string
  default     = "FARGATE"

  validation {
    condition     = contains(["FARGATE", "EC2"], var.platform)
    error_message = "Cannot use platform: expected \"FARGATE\" or \"EC2\"."
  }
}

variable "assign_public_ip" {
  description = "Fargate only: \"ENABLED\" when the compute environment's subnets are public without a NAT gateway (needed to reach ECR, S3 and the API), else \"DISABLED\"."
  type        = string
  default     = "ENABLED"

  validation {
    condition     = contains(["ENABLED", "DISABLED"], var.assign_public_ip)
    error_message = "Cannot use assign_public_ip: expected \"ENABLED\" or \"DISABLED\"."
  }
}

variable "job_resources" {
  description = "vCPU, memory (MiB) and per-attempt timeout (s) of each job. Fargate accepts only its vCPU/memory pairs; EC2 needs whole vCPUs."
  type = map(object({
    vcpu            = number
    memory          = number
    timeout_seconds = number
  }))
  default = {
    ingest     = { vcpu = 0.5, memory = 1024, timeout_seconds = 3600 }
    transform  = { vcpu = 1, memory = 2048, timeout_seconds = 3600 }
    compliance = { vcpu = 0.5, memory = 1024, timeout_seconds = 1800 }
    load       = { vcpu = 0.5, memory = 1024, timeout_seconds = 1800 }
  }

  validation {
    condition     = toset(keys(var.job_resources)) == toset(["ingest", "transform", "compliance", "load"])
    error_message = "Cannot use job_resources: it needs exactly the keys ingest, transform, compliance and load."
  }

  validation {
    condition     = alltrue([for r in values(var.job_resources) : r.timeout_seconds >= 60 && r.memory >= 512 && r.vcpu > 0])
    error_message = "Cannot use job_resources: timeout_seconds must be >= 60 (Batch minimum), memory >= 512 and vcpu > 0."
  }
}

variable "job_attempts" {
  description = "Batch attempts per job (1-10). Only infrastructure failures are retried (see batch.tf); task failures exit at once and Airflow's retries take over."
  type        = number
  default     = 3

  validation {
    condition     = var.job_attempts >= 1 && var.job_attempts <= 10 && floor(var.job_attempts) == var.job_attempts
    error_message = "Cannot use job_attempts: expected a whole number from 1 to 10."
  }
}

variable "timezone" {
  description = "AIRQ_TIMEZONE: IANA zone of the calendar day each run processes."
  type        = string
  default     = "Europe/Brussels"
}

variable "api_url" {
  description = "AIRQ_API_URL: base of the IRCEL-CELINE 52North timeseries API v1."
  type        = string
  default     = "https://geo.irceline.be/sos/api/v1/"

  validation {
    condition     = can(regex("^https://[^ ]+/$", var.api_url))
    error_message = "Cannot use api_url: expected an https:// URL ending with \"/\"."
  }
}

variable "phenomena" {
  description = "AIRQ_PHENOMENA: comma-separated IRCEL phenomenon ids (default PM10, PM2.5, NO2, CO2, SO2)."
  type        = string
  default     = "5,6001,8,71,1"

  validation {
    condition     = can(regex("^[0-9]+(,[0-9]+)*$", var.phenomena))
    error_message = "Cannot use phenomena: expected comma-separated ids such as \"5,6001,8\"."
  }
}

variable "snowflake_secret_arn" {
  description = "ARN of the Secrets Manager secret (a JSON object) holding the Snowflake connection; the load job gets its keys as SNOWFLAKE_* variables."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$", var.snowflake_secret_arn))
    error_message = "Cannot use snowflake_secret_arn: expected arn:aws:secretsmanager:<region>:<account>:secret:<name>."
  }
}

variable "snowflake_secret_keys" {
  description = "Environment variable of the load task => JSON key in the Snowflake secret. Every key must exist in the secret, or the job fails to start."
  type        = map(string)
  default = {
    SNOWFLAKE_ACCOUNT   = "account"
    SNOWFLAKE_USER      = "user"
    SNOWFLAKE_PASSWORD  = "password"
    SNOWFLAKE_ROLE      = "role"
    SNOWFLAKE_WAREHOUSE = "warehouse"
    SNOWFLAKE_DATABASE  = "database"
    SNOWFLAKE_SCHEMA    = "schema"
  }

  validation {
    condition = alltrue([for name in keys(var.snowflake_secret_keys) : contains([
      "SNOWFLAKE_ACCOUNT", "SNOWFLAKE_USER", "SNOWFLAKE_PASSWORD", "SNOWFLAKE_ROLE", "SNOWFLAKE_WAREHOUSE",
      "SNOWFLAKE_DATABASE", "SNOWFLAKE_SCHEMA", "SNOWFLAKE_PRIVATE_KEY", "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE",
    ], name)])
    error_message = "Cannot use snowflake_secret_keys: a name is not a variable the load task reads (SNOWFLAKE_ACCOUNT, _USER, _PASSWORD, _ROLE, _WAREHOUSE, _DATABASE, _SCHEMA, _PRIVATE_KEY, _PRIVATE_KEY_PASSPHRASE)."
  }

  validation {
    condition     = contains(keys(var.snowflake_secret_keys), "SNOWFLAKE_ACCOUNT") && contains(keys(var.snowflake_secret_keys), "SNOWFLAKE_USER")
    error_message = "Cannot use snowflake_secret_keys: SNOWFLAKE_ACCOUNT and SNOWFLAKE_USER are required."
  }
}

variable "snowflake_table" {
  description = "AIRQ_SNOWFLAKE_TABLE: DATABASE.SCHEMA.TABLE the load task writes."
  type        = string
  default     = "AIRQ.CLEAN.AGGREGATE_STATION_BY_DAY"
}

variable "log_retention_days" {
  description = "Retention of the jobs' CloudWatch log group, in days."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "Cannot use log_retention_days: expected a value CloudWatch accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, ...)."
  }
}

variable "ecr_keep_images" {
  description = "How many tagged images the ECR lifecycle policy keeps (untagged ones expire after 7 days)."
  type        = number
  default     = 30

  validation {
    condition     = var.ecr_keep_images >= 1
    error_message = "Cannot use ecr_keep_images: expected at least 1."
  }
}

variable "airflow_secret_arns" {
  description = "Secrets Manager secrets the Airflow role may read, e.g. the Variable airq_config when Airflow keeps Variables in Secrets Manager (airflow/variables/airq_config). Only in the policy output."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.airflow_secret_arns : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$", arn))])
    error_message = "Cannot use airflow_secret_arns: expected ARNs such as arn:aws:secretsmanager:<region>:<account>:secret:airflow/variables/airq_config."
  }
}

variable "airflow_alarm_topic_arn" {
  description = "SNS topic the Airflow role may publish to (failure alarms); null: none. Only in the policy output."
  type        = string
  default     = null
}

variable "dag_file" {
  description = "File in ../dags/ uploaded to s3://<bucket>/dags/<dag_file> for MWAA (same key as `deno task publish-dag`)."
  type        = string
  default     = "airq_dag.py"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]+\\.py$", var.dag_file))
    error_message = "Cannot use dag_file: expected a file name such as \"airq_dag.py\"."
  }
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic (each confirms once from AWS's message). Empty: the topic has no subscription (alarms still change state)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_emails : can(regex("^[^@ ]+@[^@ ]+\\.[^@ ]+$", e))])
    error_message = "Cannot use alarm_emails: every entry must be an e-mail address such as \"ops@example.org\"."
  }
}

variable "alarm_valid_share_percent" {
  description = "Alarm when a transformed day has valid daily aggregates (coverage >= 75 %) for less than this percentage of its series (metric ValidAggregateShare)."
  type        = number
  default     = 80

  validation {
    condition     = var.alarm_valid_share_percent > 0 && var.alarm_valid_share_percent <= 100
    error_message = "Cannot use alarm_valid_share_percent: expected a percentage above 0 and at most 100."
  }
}

variable "alarm_min_series" {
  description = "Alarm when an ingested day brought fewer series than this (metric SeriesFetched); set it a little below a normal night's count for var.phenomena."
  type        = number
  default     = 100

  validation {
    condition     = var.alarm_min_series >= 1 && floor(var.alarm_min_series) == var.alarm_min_series
    error_message = "Cannot use alarm_min_series: expected a whole number of at least 1."
  }
}

variable "mwaa_execution_role_name" {
  description = "Existing execution role of the MWAA environment; when set, it gets sns:Publish on the alarm topic and the key use that needs, for the DAG's failure messages. null: grant it yourself (docs/runbook.md)."
  type        = string
  default     = null
}
