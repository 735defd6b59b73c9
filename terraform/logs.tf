locals {
  log_group_name = "/aws/batch/${local.name}"
}

# The jobs' stdout/stderr (one JSON line per event); streams are named <step>/default/<task id>.
resource "aws_cloudwatch_log_group" "airq" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.airq.arn
}
