import assert from "node:assert/strict";
import { block, type Hcl, loadTerraform, statements } from "./_hcl.ts";

const tf = await loadTerraform();
const BUCKET_ARN = "arn:${local.partition}:s3:::${var.bucket}";

Deno.test("aws_iam_role_policy.job_lake attaches the lake policy to the job role, existing or created", () => {
  const policy = block(tf, "resource", "aws_iam_role_policy", "job_lake");
  assert.equal(policy.role, "${local.job_role_name}");
  assert.equal(policy.policy, "${data.aws_iam_policy_document.lake.json}");
  assert.equal(policy.name, "${local.name}-lake");
});

Deno.test("data.aws_iam_policy_document.lake grants objects under the lake prefix and lists only it", () => {
  const { statement } = block(tf, "data", "aws_iam_policy_document", "lake");
  assert.deepEqual(statement, [
    {
      sid: "ListLakePrefixOnly",
      actions: ["s3:ListBucket"],
      resources: [BUCKET_ARN],
      condition: [{
        test: "StringLike",
        variable: "s3:prefix",
        values: ["${local.lake_prefix}", "${local.lake_prefix}/*"],
      }],
    },
    {
      sid: "ReadWriteLakeObjects",
      actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
      resources: [`${BUCKET_ARN}/\${local.lake_prefix}/*`],
    },
  ]);
});

Deno.test("IAM policies grant no S3 action outside the lake prefix and no wildcard action", () => {
  const docs: Record<string, Hcl[]> = tf.data.aws_iam_policy_document;
  let checked = 0;
  for (const [name, [doc]] of Object.entries(docs)) {
    if (name === "kms") continue; // a key policy: its "*" resource is the key itself
    for (const s of statements(doc)) {
      if (s.effect === "Deny") continue; // a refusal (the TLS-only bucket policy), not a grant
      checked++;
      for (const action of s.actions) {
        assert.ok(!action.includes("*"), `${name}: wildcard action ${action}`);
      }
      const resources = typeof s.resources === "string" ? [s.resources] : s.resources ?? [];
      for (const resource of resources) {
        if (!resource.includes(":s3:::")) continue;
        const ok = resource === `${BUCKET_ARN}/\${local.lake_prefix}/*` ||
          (resource === BUCKET_ARN && s.condition?.[0]?.variable === "s3:prefix");
        assert.ok(ok, `${name}: S3 resource ${resource} is wider than the lake prefix`);
      }
    }
  }
  assert.ok(checked >= 15, `only ${checked} statements checked`);
});

Deno.test("data.aws_iam_policy_document.execution pulls this image, writes this log group, reads this secret", () => {
  const { statement } = block(tf, "data", "aws_iam_policy_document", "execution");
  const bySid = Object.fromEntries(statement.map((s: Hcl) => [s.sid, s]));
  assert.deepEqual(Object.keys(bySid).sort(), [
    "EcrLogin",
    "PullAirqImage",
    "ReadSnowflakeSecret",
    "WriteAirqLogs",
  ]);
  assert.deepEqual(bySid.EcrLogin.actions, ["ecr:GetAuthorizationToken"]);
  assert.deepEqual(bySid.PullAirqImage.resources, ["${aws_ecr_repository.airq.arn}"]);
  assert.deepEqual(bySid.WriteAirqLogs.actions, ["logs:CreateLogStream", "logs:PutLogEvents"]);
  assert.deepEqual(bySid.WriteAirqLogs.resources, ["${aws_cloudwatch_log_group.airq.arn}:*"]);
  assert.deepEqual(bySid.ReadSnowflakeSecret.actions, ["secretsmanager:GetSecretValue"]);
  assert.deepEqual(bySid.ReadSnowflakeSecret.resources, [
    "${var.snowflake_secret_arn}",
    "${var.snowflake_secret_arn}-??????",
  ]);
  const attached = block(tf, "resource", "aws_iam_role_policy", "execution");
  assert.equal(attached.role, "${local.execution_role_name}");
});

Deno.test("aws_iam_role.execution is created only when no execution_role_name is given", () => {
  assert.equal(tf.variable.execution_role_name[0].default, null);
  const role = block(tf, "resource", "aws_iam_role", "execution");
  assert.equal(role.count, "${var.execution_role_name == null ? 1 : 0}");
  assert.equal(
    block(tf, "data", "aws_iam_role", "execution").count,
    "${var.execution_role_name == null ? 0 : 1}",
  );
  const trust = block(tf, "data", "aws_iam_policy_document", "ecs_tasks_assume").statement[0];
  assert.deepEqual(trust.principals, [{
    type: "Service",
    identifiers: ["ecs-tasks.amazonaws.com"],
  }]);
});
