# A Fargate compute environment and the job queue var.job_queue on it, created only when
# var.create_job_queue is true (otherwise the queue exists already). The jobs run in the subnets
# and security groups given: they need outbound HTTPS to ECR, S3, CloudWatch Logs, Secrets
# Manager and the API (a NAT gateway or VPC endpoints, or public subnets with assign_public_ip).
resource "aws_batch_compute_environment" "airq" {
  count = var.create_job_queue ? 1 : 0
  # No name: the argument is compute_environment_name in provider 5.x and name in 6.x, so a
  # generated name keeps both working, and lets a changed environment be replaced before the
  # old one is destroyed.
  type         = "MANAGED"
  state        = "ENABLED"
  service_role = var.batch_service_role_arn # null: Batch's service-linked role

  compute_resources {
    type               = "FARGATE"
    max_vcpus          = var.max_vcpus
    subnets            = var.subnet_ids
    security_group_ids = var.security_group_ids
  }

  tags = { Name = local.name }

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = length(var.subnet_ids) > 0 && length(var.security_group_ids) > 0
      error_message = "Cannot create the job queue's compute environment: set subnet_ids and security_group_ids (create_job_queue = true)."
    }
    precondition {
      condition     = var.platform == "FARGATE"
      error_message = "Cannot create the job queue's compute environment: it is Fargate, so platform must be \"FARGATE\", not \"${var.platform}\"."
    }
  }
}

resource "aws_batch_job_queue" "airq" {
  count    = var.create_job_queue ? 1 : 0
  name     = var.job_queue
  state    = "ENABLED"
  priority = 1

  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.airq[0].arn
  }
}

locals {
  # An existing queue's ARN is written out, so a plan never needs to look the queue up.
  given_job_queue_arn = "arn:${local.partition}:batch:${var.region}:${local.account_id}:job-queue/${var.job_queue}"
  job_queue_name      = var.create_job_queue ? aws_batch_job_queue.airq[0].name : var.job_queue
  job_queue_arn       = var.create_job_queue ? aws_batch_job_queue.airq[0].arn : local.given_job_queue_arn
}
