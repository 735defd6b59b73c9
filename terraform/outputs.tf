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
  value       = var.job_queue
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
    job_queue                 = var.job_queue
    job_definition_ingest     = aws_batch_job_definition.airq["ingest"].name
    job_definition_transform  = aws_batch_job_definition.airq["transform"].name
    job_definition_compliance = aws_batch_job_definition.airq["compliance"].name
    job_definition_load       = aws_batch_job_definition.airq["load"].name
  })
}
