# CloudWatch alarms on the metrics the tasks log in Embedded Metric Format (src/log/emf.ts:
# namespace "airq", dimensions task and deployment = AIRQ_DEPLOYMENT = var.name_prefix). Every
# alarm notifies the topic (sns.tf) when it fires and when it recovers. What each one means and
# what to run: docs/runbook.md.
# The metric names are declared in src/log/emf.ts; tests/infra/terraform/alarms_test.ts checks that
# each one read here is carried by the task named in its dimensions.
locals {
  alarm_actions = [aws_sns_topic.alarms.arn]
}

# compliance builds years, not days: its failed unit is a year.
locals {
  failed_unit_metric = { compliance = "YearsFailed" }
}

# A day failed (day_done with status "failed"; for compliance a year: year_failed) or a run stopped on an error before reporting its
# days (event "failed": bad configuration, lake or Snowflake unreachable), per task.
resource "aws_cloudwatch_metric_alarm" "failed" {
  for_each = local.jobs

  alarm_name          = "${local.name}-${each.key}-failed"
  alarm_description   = "airq ${each.key}: a day failed or a run aborted (docs/runbook.md, \"Failed day\")."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "failures"
    expression  = "FILL(days, 0) + FILL(aborted, 0)"
    label       = "Failed days and aborted runs"
    return_data = true
  }

  metric_query {
    id = "days"
    metric {
      namespace   = "airq"
      metric_name = lookup(local.failed_unit_metric, each.key, "DaysFailed")
      dimensions  = { task = each.key, deployment = local.deployment }
      period      = 3600
      stat        = "Sum"
    }
  }

  metric_query {
    id = "aborted"
    metric {
      namespace   = "airq"
      metric_name = "RunsAborted"
      dimensions  = { task = each.key, deployment = local.deployment }
      period      = 3600
      stat        = "Sum"
    }
  }
}

# No transform published a day for 26 hours: the nightly run did not happen, failed, or found
# nothing new. Missing data is breaching: silence is the symptom.
resource "aws_cloudwatch_metric_alarm" "transform_stale" {
  alarm_name          = "${local.name}-transform-stale"
  alarm_description   = "airq transform: no day published for 26 hours (docs/runbook.md, \"No transform for 26 hours\")."
  namespace           = "airq"
  metric_name         = "DaysOk"
  dimensions          = { task = "transform", deployment = local.deployment }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 26
  datapoints_to_alarm = 26
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# A transformed day has valid daily aggregates (coverage >= 75 %) for less than the threshold
# share of its series: stations stopped reporting for part of the day.
resource "aws_cloudwatch_metric_alarm" "valid_share_low" {
  alarm_name          = "${local.name}-transform-valid-share-low"
  alarm_description   = "airq transform: valid aggregates below ${var.alarm_valid_share_percent} % of the day's series (docs/runbook.md, \"Valid share low\")."
  namespace           = "airq"
  metric_name         = "ValidAggregateShare"
  dimensions          = { task = "transform", deployment = local.deployment }
  statistic           = "Minimum"
  period              = 3600
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = var.alarm_valid_share_percent
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# An ingested day brought fewer series than the threshold: IRCEL stopped publishing stations or
# phenomena (the day itself is complete for what the API listed).
resource "aws_cloudwatch_metric_alarm" "series_low" {
  alarm_name          = "${local.name}-ingest-series-low"
  alarm_description   = "airq ingest: fewer than ${var.alarm_min_series} series fetched for a day (docs/runbook.md, \"Series low\")."
  namespace           = "airq"
  metric_name         = "SeriesFetched"
  dimensions          = { task = "ingest", deployment = local.deployment }
  statistic           = "Minimum"
  period              = 3600
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = var.alarm_min_series
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
