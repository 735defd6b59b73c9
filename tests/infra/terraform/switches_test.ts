/**
 * The create_* switches: off by default (the bucket, job queue and job role exist), and each one
 * switches exactly its own resources on and the lookup of the existing thing off.
 */
import assert from "node:assert/strict";
import { block, type Hcl, loadTerraform, locals, TERRAFORM_DIR } from "./_hcl.ts";

const tf = await loadTerraform();

/** What each switch creates, as "<type>.<name>". */
const CREATES: Record<string, string[]> = {
  create_bucket: [
    "aws_iam_role_policy.job_lake_key",
    "aws_s3_bucket.lake",
    "aws_s3_bucket_lifecycle_configuration.lake",
    "aws_s3_bucket_ownership_controls.lake",
    "aws_s3_bucket_policy.lake",
    "aws_s3_bucket_public_access_block.lake",
    "aws_s3_bucket_server_side_encryption_configuration.lake",
    "aws_s3_bucket_versioning.lake",
  ],
  create_job_queue: ["aws_batch_compute_environment.airq", "aws_batch_job_queue.airq"],
  create_job_role: ["aws_iam_role.job"],
};

Deno.test("create_* switches are booleans that default to false, i.e. to the existing names", () => {
  const switches = Object.keys(tf.variable).filter((name) => name.startsWith("create_")).sort();
  assert.deepEqual(switches, Object.keys(CREATES));
  for (const name of switches) {
    assert.equal(tf.variable[name][0].type, "${bool}", name);
    assert.equal(tf.variable[name][0].default, false, name);
  }
  assert.equal(tf.variable.bucket[0].default, "data-track-integrated-exercise");
  assert.equal(tf.variable.job_queue[0].default, "integrated-exercise-job-queue");
  assert.equal(tf.variable.job_role_name[0].default, "integrated-exercise-batch-job-role");
});

Deno.test("each switch counts exactly its resources in and nothing else", () => {
  const counted: Record<string, string[]> = {};
  for (
    const [type, byName] of Object.entries(tf.resource as Record<string, Record<string, Hcl[]>>)
  ) {
    for (const [name, [resource]] of Object.entries(byName)) {
      const match = /^\$\{var\.(create_\w+) \? 1 : 0\}$/.exec(String(resource.count));
      if (match) (counted[match[1]!] ??= []).push(`${type}.${name}`);
      else if (String(resource.count).includes("var.create_")) assert.fail(`${type}.${name}`);
    }
  }
  for (const list of Object.values(counted)) list.sort();
  assert.deepEqual(counted, CREATES);
});

Deno.test("the existing job role is looked up only when it is not created", () => {
  const lookup = block(tf, "data", "aws_iam_role", "job");
  assert.equal(lookup.count, "${var.create_job_role ? 0 : 1}");
  assert.equal(lookup.name, "${var.job_role_name}");
  assert.equal(block(tf, "resource", "aws_iam_role", "job").name, "${var.job_role_name}");
});

Deno.test("locals name the created thing or the given one, and carry the dependency", () => {
  const l = locals(tf);
  assert.equal(l.bucket, "${var.create_bucket ? aws_s3_bucket_policy.lake[0].bucket : var.bucket}");
  assert.equal(l.s3_service, "s3.${var.region}.amazonaws.com");
  assert.equal(
    l.job_role_name,
    "${var.create_job_role ? aws_iam_role.job[0].name : data.aws_iam_role.job[0].name}",
  );
  assert.equal(
    l.job_role_arn,
    "${var.create_job_role ? aws_iam_role.job[0].arn : data.aws_iam_role.job[0].arn}",
  );
  assert.equal(
    l.job_queue_name,
    "${var.create_job_queue ? aws_batch_job_queue.airq[0].name : var.job_queue}",
  );
  assert.equal(
    l.job_queue_arn,
    "${var.create_job_queue ? aws_batch_job_queue.airq[0].arn : local.given_job_queue_arn}",
  );
  assert.equal(
    l.given_job_queue_arn,
    "arn:${local.partition}:batch:${var.region}:${local.account_id}:job-queue/${var.job_queue}",
  );
});

Deno.test("outside its own file, nothing refers to a switched resource but through those locals", async () => {
  const owners: Record<string, string> = {
    "data.aws_iam_role.job": "role.tf",
    "aws_iam_role.job[": "role.tf",
    "aws_batch_job_queue.airq": "compute.tf",
    "aws_batch_compute_environment.airq": "compute.tf",
    "aws_s3_bucket_policy.lake": "bucket.tf",
  };
  for (const entry of Deno.readDirSync(TERRAFORM_DIR)) {
    if (!entry.name.endsWith(".tf")) continue;
    const text = await Deno.readTextFile(TERRAFORM_DIR + entry.name);
    for (const [reference, owner] of Object.entries(owners)) {
      if (entry.name !== owner) {
        assert.ok(!text.includes(reference), `${entry.name} refers to ${reference}`);
      }
    }
  }
});
