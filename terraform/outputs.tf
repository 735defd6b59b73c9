output "ecr_repository_url" {
  description = "Push the image here: <url>:<image_tag> (README, Deployment)."
  value       = aws_ecr_repository.airq.repository_url
}

output "image" {
  description = "The image the job definitions run."
  value       = local.image
}

output "job_definition_names" {
  description = "Job definition names by step (the DAG submits these; Batch uses the latest ACTIVE revision)."
  value       = { for step, jd in aws_batch_job_definition.airq : step => jd.name }
}

output "job_definition_arns" {
  description = "Job definition ARNs with revision, by step."
  value       = { for step, jd in aws_batch_job_definition.airq : step => jd.arn }
}

output "job_queue" {
  description = "The job queue the DAG submits to."
  value       = local.job_queue_name
}

output "airflow_policy_json" {
  description = "IAM policy (JSON) the Airflow role needs to run the DAG: attach it to the MWAA execution role or the self-managed Airflow's AWS identity (docs/operations.md)."
  value       = data.aws_iam_policy_document.airflow.json
}

output "log_group_name" {
  description = "CloudWatch log group of the jobs."
  value       = aws_cloudwatch_log_group.airq.name
}

output "lake_uri" {
  description = "AIRQ_LAKE of the jobs."
  value       = local.lake_uri
}

output "dag_s3_uri" {
  description = "Where the DAG was uploaded for MWAA."
  value       = "s3://${var.bucket}/${aws_s3_object.dag.key}"
}

output "airflow_variable_airq_config" {
  description = "Value for the Airflow Variable \"airq_config\" (JSON) that the DAG reads."
  value = jsonencode({
    name_prefix               = var.name_prefix
    job_queue                 = local.job_queue_name
    job_definition_ingest     = aws_batch_job_definition.airq["ingest"].name
    job_definition_transform  = aws_batch_job_definition.airq["transform"].name
    job_definition_compliance = aws_batch_job_definition.airq["compliance"].name
    job_definition_load       = aws_batch_job_definition.airq["load"].name
    alarm_topic_arn           = aws_sns_topic.alarms.arn
  })
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms and of the DAG's failure messages (docs/runbook.md)."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "The CloudWatch alarms on the tasks' metrics (docs/runbook.md)."
  value = concat(
    [for a in aws_cloudwatch_metric_alarm.failed : a.alarm_name],
    [
      aws_cloudwatch_metric_alarm.transform_stale.alarm_name,
      aws_cloudwatch_metric_alarm.valid_share_low.alarm_name,
      aws_cloudwatch_metric_alarm.series_low.alarm_name,
    ],
  )
}
