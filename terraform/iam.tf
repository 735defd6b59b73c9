# Job role (existing, or created in role.tf): the tasks' own AWS calls, i.e. the lake only.
# Read, write and delete objects under <lake_prefix>/ and list only that prefix; nothing else in
# the shared bucket. The Snowflake secret is not granted here: the ECS agent injects it with the
# execution role, and the code never calls Secrets Manager.
data "aws_iam_policy_document" "lake" {
  statement {
    sid       = "ListLakePrefixOnly"
    actions   = ["s3:ListBucket"]
    resources = ["arn:${local.partition}:s3:::${var.bucket}"]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [local.lake_prefix, "${local.lake_prefix}/*"]
    }
  }

  statement {
    sid = "ReadWriteLakeObjects"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
    ]
    resources = ["arn:${local.partition}:s3:::${var.bucket}/${local.lake_prefix}/*"]
  }
}

resource "aws_iam_role_policy" "job_lake" {
  name   = "${local.name}-lake"
  role   = local.job_role_name
  policy = data.aws_iam_policy_document.lake.json
}

# Execution role: what the ECS agent needs to start a job — pull this repository's image, write
# this log group, read this secret. Created unless var.execution_role_name names an existing one.
data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "execution" {
  count              = var.execution_role_name == null ? 1 : 0
  name               = "${local.name}-batch-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_role" "execution" {
  count = var.execution_role_name == null ? 0 : 1
  name  = var.execution_role_name
}

locals {
  execution_role_name = var.execution_role_name == null ? aws_iam_role.execution[0].name : data.aws_iam_role.execution[0].name
  execution_role_arn  = var.execution_role_name == null ? aws_iam_role.execution[0].arn : data.aws_iam_role.execution[0].arn
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # GetAuthorizationToken has no resource-level permissions.
  }

  statement {
    sid       = "PullAirqImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [aws_ecr_repository.airq.arn]
  }

  statement {
    sid       = "WriteAirqLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.airq.arn}:*"]
  }

  statement {
    sid     = "ReadSnowflakeSecret"
    actions = ["secretsmanager:GetSecretValue"]
    # A full ARN ends with "-" and 6 random characters; also match when the name was given without them.
    resources = [var.snowflake_secret_arn, "${var.snowflake_secret_arn}-??????"]
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "${local.name}-batch-execution"
  role   = local.execution_role_name
  policy = data.aws_iam_policy_document.execution.json
}
