# The job role the containers run as (Batch jobRoleArn): created when var.create_job_role is
# true, else the existing var.job_role_name. Either way it gets only the lake policy (iam.tf).
resource "aws_iam_role" "job" {
  count              = var.create_job_role ? 1 : 0
  name               = var.job_role_name
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

locals {
  job_role_name = var.create_job_role ? aws_iam_role.job[0].name : data.aws_iam_role.job[0].name
  job_role_arn  = var.create_job_role ? aws_iam_role.job[0].arn : data.aws_iam_role.job[0].arn
}
