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
# their IAM policies (the MWAA execution role: aws_iam_role_policy.mwaa_alarms below).
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

# The DAG's failure callback publishes as the MWAA execution role: when var.mwaa_execution_role_name
# names it, it may publish to this topic and use the key for that, nothing else.
data "aws_iam_policy_document" "mwaa_alarms" {
  statement {
    sid       = "PublishFailureMessages"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]
  }

  statement {
    sid       = "EncryptForTheAlarmTopic"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [aws_kms_key.airq.arn]
  }
}

resource "aws_iam_role_policy" "mwaa_alarms" {
  count = var.mwaa_execution_role_name == null ? 0 : 1

  name   = "${local.name}-alarm-topic"
  role   = var.mwaa_execution_role_name
  policy = data.aws_iam_policy_document.mwaa_alarms.json
}
