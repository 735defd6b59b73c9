# ingest, transform, compliance and load: the same image and settings, their own command, size and timeout.
# The image's ENTRYPOINT is `/tini -- deno task`, so the command is the task and its flags.
#
# Backfills as array jobs: submit with array_properties {size = N} and the command
# ["ingest", "--date", FROM, "--to", TO]; Batch sets AWS_BATCH_JOB_ARRAY_INDEX in each child and
# the tasks then process only day FROM + index. The definitions need nothing special for that;
# attempts and the timeout apply to each child.
resource "aws_batch_job_definition" "airq" {
  for_each = local.jobs

  name                  = "${local.name}-${each.key}"
  type                  = "container"
  platform_capabilities = [var.platform]
  propagate_tags        = true

  container_properties = jsonencode(merge(
    {
      image            = local.image
      command          = each.value.command
      jobRoleArn       = local.job_role_arn
      executionRoleArn = local.execution_role_arn
      resourceRequirements = [
        { type = "VCPU", value = tostring(each.value.resources.vcpu) },
        { type = "MEMORY", value = tostring(each.value.resources.memory) },
      ]
      environment = local.environment
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.airq.name
          "awslogs-region"        = var.region
          "awslogs-stream-prefix" = each.key
        }
      }
    },
    { for k, v in { secrets = local.snowflake_secrets } : k => v if each.value.secrets },
    {
      for k, v in {
        fargatePlatformConfiguration = { platformVersion = "LATEST" }
        networkConfiguration         = { assignPublicIp = var.assign_public_ip }
      } : k => v if var.platform == "FARGATE"
    },
  ))

  # Retry only what the infrastructure broke (host gone, image pull, secret/ENI setup); a task that
  # ran and failed exits at once (its own HTTP/S3 retries are spent; exit 1 = failure, 2 = bad
  # configuration) and Airflow's task retries decide. The first matching entry wins; without the
  # last two, Batch would retry anything unmatched.
  retry_strategy {
    attempts = var.job_attempts

    evaluate_on_exit {
      action           = "RETRY"
      on_status_reason = "Host EC2*"
    }
    evaluate_on_exit {
      action    = "RETRY"
      on_reason = "CannotPullContainerError*"
    }
    evaluate_on_exit {
      action    = "RETRY"
      on_reason = "ResourceInitializationError*"
    }
    evaluate_on_exit {
      action       = "EXIT"
      on_exit_code = "*"
    }
    evaluate_on_exit {
      action           = "EXIT"
      on_status_reason = "*"
    }
  }

  timeout {
    attempt_duration_seconds = each.value.resources.timeout_seconds
  }

  lifecycle {
    precondition {
      condition = (var.platform == "EC2"
        ? floor(each.value.resources.vcpu) == each.value.resources.vcpu
        : contains(lookup(local.fargate_memory, tostring(each.value.resources.vcpu), []), each.value.resources.memory)
      )
      error_message = "Cannot define job \"${each.key}\": ${each.value.resources.vcpu} vCPU with ${each.value.resources.memory} MiB is not a valid ${var.platform} size (see local.fargate_memory; EC2 needs whole vCPUs)."
    }
  }
}
