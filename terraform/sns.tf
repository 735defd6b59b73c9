# The topic every alarm (alarms.tf) and the DAG's failure callback publish to, encrypted with the
# airq key; one e-mail subscription per address in var.alarm_emails (each address must confirm
# the subscription from the message AWS sends it).
resource "aws_sns_topic" "alarms" {
  name              = "${local.name}-alarms"
  kms_master_key_id = aws_kms_key.airq.arn
}

resource "aws_sns_topic_subscription" "alarm_email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

# CloudWatch may publish this account's airq alarms; principals of the account publish through
# their IAM policies (the MWAA execution role needs sns:Publish on the topic and kms:Decrypt +
# kms:GenerateDataKey on the key; see docs/runbook.md).
data "aws_iam_policy_document" "alarms_topic" {
  statement {
    sid       = "CloudWatchPublishesAirqAlarms"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:cloudwatch:${var.region}:${local.account_id}:alarm:${local.name}-*"]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  arn    = aws_sns_topic.alarms.arn
  policy = data.aws_iam_policy_document.alarms_topic.json
}
