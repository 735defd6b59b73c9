# What the Airflow side needs to run the DAG (dags/airq_dag.py): the role MWAA runs as (its
# execution role) or the identity of a self-managed Airflow's "aws_default" connection. This
# configuration does not attach it to anything: output "airflow_policy_json" is the document,
# docs/operations.md ("The Airflow role's policy") says how to attach it.
data "aws_iam_policy_document" "airflow" {
  # BatchOperator submits by queue and definition name; Batch checks both ARNs. A name without a
  # revision means its latest ACTIVE revision, so both forms are granted.
  statement {
    sid     = "SubmitAirqJobs"
    actions = ["batch:SubmitJob"]
    resources = concat([local.job_queue_arn], flatten([
      for jd in aws_batch_job_definition.airq : [jd.arn_prefix, "${jd.arn_prefix}:*"]
    ]))
  }

  # The DAG tags each job (app, dag, step) in SubmitJob; Batch authorizes that as TagResource on
  # the new job. Job ids are random, so jobs are named by pattern; queues and definitions not.
  statement {
    sid       = "TagAndTerminateJobs"
    actions   = ["batch:TagResource", "batch:TerminateJob"]
    resources = ["arn:${local.partition}:batch:${var.region}:${local.account_id}:job/*"]
  }

  statement {
    sid       = "DescribeJobs"
    actions   = ["batch:DescribeJobs"]
    resources = ["*"] # DescribeJobs has no resource-level permissions.
  }

  statement {
    sid       = "ReadAirqJobLogs"
    actions   = ["logs:GetLogEvents"]
    resources = ["${aws_cloudwatch_log_group.airq.arn}:*"]
  }

  dynamic "statement" {
    for_each = length(var.airflow_secret_arns) > 0 ? [1] : []
    content {
      sid     = "ReadAirflowSecrets"
      actions = ["secretsmanager:GetSecretValue"]
      # A full ARN ends with "-" and 6 random characters; also match when given without them.
      resources = flatten([for arn in var.airflow_secret_arns : [arn, "${arn}-??????"]])
    }
  }

  dynamic "statement" {
    for_each = var.airflow_alarm_topic_arn == null ? [] : [1]
    content {
      sid       = "PublishAirqAlarms"
      actions   = ["sns:Publish"]
      resources = [var.airflow_alarm_topic_arn]
    }
  }

  # MWAA reads dags/ from the bucket; a created bucket encrypts the DAG with the airq key.
  dynamic "statement" {
    for_each = var.create_bucket ? [1] : []
    content {
      sid       = "DecryptDagsThroughS3"
      actions   = ["kms:Decrypt"]
      resources = [aws_kms_key.airq.arn]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = [local.s3_service]
      }
    }
  }
}
