# One customer-managed key for the image repository, the log group and the alarm topic.
resource "aws_kms_key" "airq" {
  description             = "${local.name}: ECR images, CloudWatch logs and the alarm topic"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms.json
}

resource "aws_kms_alias" "airq" {
  name          = "alias/${local.name}"
  target_key_id = aws_kms_key.airq.key_id
}

# Key policy: the account administers the key through IAM; CloudWatch Logs may use it for this
# log group only. In a key policy "*" as resource means "this key".
data "aws_iam_policy_document" "kms" {
  #checkov:skip=CKV_AWS_109:A key policy's Resource "*" is the key itself; the account root statement is the documented default that lets IAM policies govern the key.
  #checkov:skip=CKV_AWS_111:Same as CKV_AWS_109: key policies can only name "*", which means this key.
  #checkov:skip=CKV_AWS_356:Same as CKV_AWS_109: key policies can only name "*", which means this key.
  statement {
    sid       = "AccountAdministersKeyThroughIam"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogsUsesKeyForAirqLogGroup"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${var.region}:${local.account_id}:log-group:${local.log_group_name}"]
    }
  }

  # CloudWatch alarms publish to the encrypted topic (sns.tf): SNS asks for a data key on their
  # behalf, only for alarms of this account.
  statement {
    sid       = "CloudWatchAlarmsUseKeyForAlarmTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}
