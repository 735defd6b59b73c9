import assert from "node:assert/strict";
import { block, type Hcl, loadTerraform } from "./_hcl.ts";

const tf = await loadTerraform();
const lake = (type: string): Hcl => block(tf, "resource", type, "lake");

Deno.test("aws_s3_bucket.lake is named by var.bucket; every setting applies to it", () => {
  assert.equal(lake("aws_s3_bucket").bucket, "${var.bucket}");
  for (
    const type of [
      "aws_s3_bucket_ownership_controls",
      "aws_s3_bucket_versioning",
      "aws_s3_bucket_server_side_encryption_configuration",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_lifecycle_configuration",
      "aws_s3_bucket_policy",
    ]
  ) {
    assert.equal(lake(type).bucket, "${aws_s3_bucket.lake[0].id}", type);
  }
});

Deno.test("aws_s3_bucket.lake encrypts with the airq key (SSE-KMS, bucket key) and keeps versions", () => {
  const [rule] = lake("aws_s3_bucket_server_side_encryption_configuration").rule;
  assert.deepEqual(rule.apply_server_side_encryption_by_default, [{
    sse_algorithm: "aws:kms",
    kms_master_key_id: "${aws_kms_key.airq.arn}",
  }]);
  assert.equal(rule.bucket_key_enabled, true);
  assert.deepEqual(lake("aws_s3_bucket_versioning").versioning_configuration, [{
    status: "Enabled",
  }]);
});

Deno.test("aws_s3_bucket.lake blocks public access, disables ACLs and refuses requests without TLS", () => {
  const block_ = lake("aws_s3_bucket_public_access_block");
  for (
    const flag of [
      "block_public_acls",
      "block_public_policy",
      "ignore_public_acls",
      "restrict_public_buckets",
    ]
  ) {
    assert.equal(block_[flag], true, flag);
  }
  assert.deepEqual(lake("aws_s3_bucket_ownership_controls").rule, [{
    object_ownership: "BucketOwnerEnforced",
  }]);
  assert.equal(
    lake("aws_s3_bucket_policy").policy,
    "${data.aws_iam_policy_document.lake_tls_only.json}",
  );
  assert.deepEqual(block(tf, "data", "aws_iam_policy_document", "lake_tls_only").statement, [{
    sid: "DenyRequestsWithoutTls",
    effect: "Deny",
    actions: ["s3:*"],
    resources: [
      "arn:${local.partition}:s3:::${var.bucket}",
      "arn:${local.partition}:s3:::${var.bucket}/*",
    ],
    principals: [{ type: "*", identifiers: ["*"] }],
    condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  }]);
});

Deno.test("aws_s3_bucket.lake expires old versions and unfinished uploads", () => {
  assert.deepEqual(lake("aws_s3_bucket_lifecycle_configuration").rule, [{
    id: "expire-old-versions-and-unfinished-uploads",
    status: "Enabled",
    filter: [{}],
    noncurrent_version_expiration: [{ noncurrent_days: "${var.bucket_noncurrent_version_days}" }],
    abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
  }]);
  assert.equal(tf.variable.bucket_noncurrent_version_days[0].default, 90);
});

Deno.test("aws_s3_bucket_policy.lake comes after every other setting, and names local.bucket", () => {
  assert.deepEqual(lake("aws_s3_bucket_policy").depends_on, [
    "${aws_s3_bucket_ownership_controls.lake}",
    "${aws_s3_bucket_versioning.lake}",
    "${aws_s3_bucket_server_side_encryption_configuration.lake}",
    "${aws_s3_bucket_public_access_block.lake}",
    "${aws_s3_bucket_lifecycle_configuration.lake}",
  ]);
});

Deno.test("aws_iam_role_policy.job_lake_key lets the job role use the airq key through S3 only", () => {
  const policy = block(tf, "resource", "aws_iam_role_policy", "job_lake_key");
  assert.equal(policy.role, "${local.job_role_name}");
  assert.equal(policy.policy, "${data.aws_iam_policy_document.lake_key.json}");
  assert.deepEqual(block(tf, "data", "aws_iam_policy_document", "lake_key").statement, [{
    sid: "UseAirqKeyThroughS3",
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: ["${aws_kms_key.airq.arn}"],
    condition: [{
      test: "StringEquals",
      variable: "kms:ViaService",
      values: ["${local.s3_service}"],
    }],
  }]);
});
