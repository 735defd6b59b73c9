# The lake bucket, created only when var.create_bucket is true (otherwise var.bucket exists
# already): SSE-KMS with the airq key, versioned, ACLs off, public access blocked, TLS-only
# policy, old versions and unfinished uploads expire. The same settings MWAA asks of its DAG
# bucket (versioned, public access blocked), so dags/ can live in it too.
resource "aws_s3_bucket" "lake" {
  #checkov:skip=CKV_AWS_18:Server access logs need a second bucket chosen by the owner; the lake is rebuilt from the public API, and CloudTrail data events are the audit trail if one is wanted.
  #checkov:skip=CKV_AWS_144:No cross-region replication by default: versioning covers overwrites and deletes, the clean tables are derived from raw, and a second region is the owner's cost decision.
  #checkov:skip=CKV2_AWS_62:No consumer listens to object events: ingest, transform and load are scheduled by Airflow, not triggered by S3.
  count  = var.create_bucket ? 1 : 0
  bucket = var.bucket
}

resource "aws_s3_bucket_ownership_controls" "lake" {
  count  = var.create_bucket ? 1 : 0
  bucket = aws_s3_bucket.lake[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "lake" {
  count  = var.create_bucket ? 1 : 0
  bucket = aws_s3_bucket.lake[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "lake" {
  count  = var.create_bucket ? 1 : 0
  bucket = aws_s3_bucket.lake[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.airq.arn
    }
    bucket_key_enabled = true # one data key per object batch, not one KMS call per request
  }
}

resource "aws_s3_bucket_public_access_block" "lake" {
  count                   = var.create_bucket ? 1 : 0
  bucket                  = aws_s3_bucket.lake[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "lake" {
  count  = var.create_bucket ? 1 : 0
  bucket = aws_s3_bucket.lake[0].id

  rule {
    id     = "expire-old-versions-and-unfinished-uploads"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = var.bucket_noncurrent_version_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

# Refuse every request that does not use TLS.
data "aws_iam_policy_document" "lake_tls_only" {
  statement {
    sid     = "DenyRequestsWithoutTls"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      "arn:${local.partition}:s3:::${var.bucket}",
      "arn:${local.partition}:s3:::${var.bucket}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "lake" {
  count  = var.create_bucket ? 1 : 0
  bucket = aws_s3_bucket.lake[0].id
  policy = data.aws_iam_policy_document.lake_tls_only.json
  # S3 refuses concurrent configuration changes of one bucket; the policy comes last.
  depends_on = [
    aws_s3_bucket_ownership_controls.lake,
    aws_s3_bucket_versioning.lake,
    aws_s3_bucket_server_side_encryption_configuration.lake,
    aws_s3_bucket_public_access_block.lake,
    aws_s3_bucket_lifecycle_configuration.lake,
  ]
}

locals {
  # The bucket name for whatever Terraform writes into it (the DAG). A created bucket is named
  # through its policy, the last setting applied, so no object lands before the encryption.
  bucket = var.create_bucket ? aws_s3_bucket_policy.lake[0].bucket : var.bucket
  # kms:ViaService of S3 in this region: who may use the airq key for the bucket, only through S3.
  s3_service = "s3.${var.region}.amazonaws.com"
}

# With the airq key as the bucket's default encryption, reading and writing lake objects needs
# the key too, and only through S3. The key policy lets IAM policies grant it (kms.tf).
data "aws_iam_policy_document" "lake_key" {
  statement {
    sid       = "UseAirqKeyThroughS3"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.airq.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [local.s3_service]
    }
  }
}

resource "aws_iam_role_policy" "job_lake_key" {
  count  = var.create_bucket ? 1 : 0
  name   = "${local.name}-lake-key"
  role   = local.job_role_name
  policy = data.aws_iam_policy_document.lake_key.json
}
