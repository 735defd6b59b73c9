import assert from "node:assert/strict";
import { block, type Hcl, loadTerraform, squash, statements } from "./_hcl.ts";

const tf = await loadTerraform();
const doc = block(tf, "data", "aws_iam_policy_document", "airflow");
const bySid: Record<string, Hcl> = Object.fromEntries(statements(doc).map((s) => [s.sid, s]));
const conditional: Record<string, string> = Object.fromEntries(
  doc.dynamic.statement.map((d: Hcl) => [d.content[0].sid, d.for_each]),
);

Deno.test("data.aws_iam_policy_document.airflow submits only to the queue and the three definitions", () => {
  assert.deepEqual(bySid.SubmitAirqJobs.actions, ["batch:SubmitJob"]);
  assert.equal(
    squash(bySid.SubmitAirqJobs.resources),
    '${concat([local.job_queue_arn],flatten([forjdinaws_batch_job_definition.airq:[jd.arn_prefix,"${jd.arn_prefix}:*"]]))}',
  );
});

Deno.test("data.aws_iam_policy_document.airflow tags, terminates and describes jobs, and reads their logs", () => {
  assert.deepEqual(bySid.TagAndTerminateJobs.actions, ["batch:TagResource", "batch:TerminateJob"]);
  assert.deepEqual(bySid.TagAndTerminateJobs.resources, [
    "arn:${local.partition}:batch:${var.region}:${local.account_id}:job/*",
  ]);
  assert.deepEqual(bySid.DescribeJobs.actions, ["batch:DescribeJobs"]);
  assert.deepEqual(bySid.DescribeJobs.resources, ["*"]);
  assert.deepEqual(bySid.ReadAirqJobLogs.actions, ["logs:GetLogEvents"]);
  assert.deepEqual(bySid.ReadAirqJobLogs.resources, ["${aws_cloudwatch_log_group.airq.arn}:*"]);
});

Deno.test("data.aws_iam_policy_document.airflow adds secrets, the alarm topic and the key only when given", () => {
  assert.deepEqual(conditional, {
    ReadAirflowSecrets: "${length(var.airflow_secret_arns) > 0 ? [1] : []}",
    PublishAirqAlarms: "${var.airflow_alarm_topic_arn == null ? [] : [1]}",
    DecryptDagsThroughS3: "${var.create_bucket ? [1] : []}",
  });
  assert.deepEqual(bySid.ReadAirflowSecrets.actions, ["secretsmanager:GetSecretValue"]);
  assert.deepEqual(bySid.PublishAirqAlarms.actions, ["sns:Publish"]);
  assert.deepEqual(bySid.PublishAirqAlarms.resources, ["${var.airflow_alarm_topic_arn}"]);
  assert.deepEqual(bySid.DecryptDagsThroughS3.actions, ["kms:Decrypt"]);
  assert.deepEqual(bySid.DecryptDagsThroughS3.condition[0].values, [
    "${local.s3_service}",
  ]);
  assert.deepEqual(tf.variable.airflow_secret_arns[0].default, []);
  assert.equal(tf.variable.airflow_alarm_topic_arn[0].default, null);
});

Deno.test("data.aws_iam_policy_document.airflow grants nothing on S3, Secrets Manager or KMS by default", () => {
  const unconditional = doc.statement.flatMap((s: Hcl) => s.actions);
  assert.deepEqual(unconditional.sort(), [
    "batch:DescribeJobs",
    "batch:SubmitJob",
    "batch:TagResource",
    "batch:TerminateJob",
    "logs:GetLogEvents",
  ]);
});
