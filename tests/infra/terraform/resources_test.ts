import assert from "node:assert/strict";
import { block, loadTerraform, locals, parseHclFile, squash, TERRAFORM_DIR } from "./_hcl.ts";

const tf = await loadTerraform();

Deno.test("terraform pins Terraform >= 1.5 and the AWS provider to 5.x or 6.x", () => {
  const [settings] = tf.terraform;
  assert.equal(settings.required_version, ">= 1.5.0");
  assert.deepEqual(settings.required_providers, [{
    aws: { source: "hashicorp/aws", version: ">= 5.40, < 7.0" },
  }]);
  assert.equal(tf.provider.aws[0].region, "${var.region}");
});

Deno.test("aws_ecr_repository.airq is immutable, scanned on push and KMS-encrypted", () => {
  const repo = block(tf, "resource", "aws_ecr_repository", "airq");
  assert.equal(repo.name, "${local.name}");
  assert.equal(repo.image_tag_mutability, "IMMUTABLE");
  assert.deepEqual(repo.image_scanning_configuration, [{ scan_on_push: true }]);
  assert.deepEqual(repo.encryption_configuration, [{
    encryption_type: "KMS",
    kms_key: "${aws_kms_key.airq.arn}",
  }]);
});

Deno.test("aws_ecr_lifecycle_policy.airq expires untagged images and keeps the newest tagged ones", () => {
  const policy = block(tf, "resource", "aws_ecr_lifecycle_policy", "airq");
  assert.equal(policy.repository, "${aws_ecr_repository.airq.name}");
  const rules = squash(policy.policy);
  assert.ok(rules.includes('tagStatus="untagged"countType="sinceImagePushed"'));
  assert.ok(rules.includes('countType="imageCountMoreThan"countNumber=var.ecr_keep_images'));
  assert.equal(tf.variable.ecr_keep_images[0].default, 30);
});

Deno.test("aws_cloudwatch_log_group.airq has a retention and the airq KMS key", () => {
  const group = block(tf, "resource", "aws_cloudwatch_log_group", "airq");
  assert.equal(group.name, "${local.log_group_name}");
  assert.equal(locals(tf).log_group_name, "/aws/batch/${local.name}");
  assert.equal(group.retention_in_days, "${var.log_retention_days}");
  assert.equal(tf.variable.log_retention_days[0].default, 365);
  assert.equal(group.kms_key_id, "${aws_kms_key.airq.arn}");
  assert.equal(block(tf, "resource", "aws_kms_key", "airq").enable_key_rotation, true);
});

Deno.test("aws_s3_object.dag uploads ../dags/<dag_file> to dags/ with source_hash = its MD5", async () => {
  const dag = block(tf, "resource", "aws_s3_object", "dag");
  assert.equal(dag.bucket, "${local.bucket}");
  assert.equal(dag.key, "dags/${var.dag_file}");
  assert.equal(dag.source, "${path.module}/../dags/${var.dag_file}");
  // Not etag: under SSE-KMS S3's ETag is no MD5, so every plan would show a change.
  assert.equal(dag.source_hash, '${filemd5("${path.module}/../dags/${var.dag_file}")}');
  assert.ok(!("etag" in dag));
  const file = `${TERRAFORM_DIR}../dags/${tf.variable.dag_file[0].default}`;
  assert.ok((await Deno.stat(file)).isFile, `${file} must exist for terraform plan`);
});

Deno.test("variables: the shared account's defaults, and no default where a value must be chosen", () => {
  const defaults = (name: string) => tf.variable[name][0].default;
  assert.equal(defaults("region"), "eu-west-1");
  assert.equal(defaults("bucket"), "data-track-integrated-exercise");
  assert.equal(defaults("job_queue"), "integrated-exercise-job-queue");
  assert.equal(defaults("api_url"), "https://geo.irceline.be/sos/api/v1/");
  for (const required of ["name_prefix", "image_tag", "snowflake_secret_arn"]) {
    assert.ok(!("default" in tf.variable[required][0]), `${required} has a default`);
  }
  for (
    const validated of ["name_prefix", "region", "bucket", "lake_prefix", "image_tag", "platform"]
  ) {
    assert.ok(tf.variable[validated][0].validation?.length >= 1, `${validated} has no validation`);
  }
  assert.ok(
    squash(tf.variable.image_tag[0].validation[0].condition).includes('var.image_tag!="latest"'),
  );
});

Deno.test("terraform.tfvars.example sets only declared variables and every required one", async () => {
  const example = await parseHclFile(`${TERRAFORM_DIR}terraform.tfvars.example`);
  const declared = Object.keys(tf.variable);
  for (const name of Object.keys(example)) assert.ok(declared.includes(name), `undeclared ${name}`);
  for (const name of declared.filter((v) => !("default" in tf.variable[v][0]))) {
    assert.ok(name in example, `example misses required ${name}`);
  }
  assert.match(example.name_prefix, /^[a-z][a-z0-9-]{0,19}$/);
  assert.equal(example.lake_prefix, `${example.name_prefix}/airq`);
});

Deno.test("outputs give the DAG and the operator what they need", () => {
  assert.deepEqual(Object.keys(tf.output).sort(), [
    "airflow_policy_json",
    "airflow_variable_airq_config",
    "alarm_names",
    "alarm_topic_arn",
    "dag_s3_uri",
    "ecr_repository_url",
    "image",
    "job_definition_arns",
    "job_definition_names",
    "job_queue",
    "lake_uri",
    "log_group_name",
  ]);
  assert.equal(tf.output.job_queue[0].value, "${local.job_queue_name}");
  assert.equal(
    tf.output.airflow_policy_json[0].value,
    "${data.aws_iam_policy_document.airflow.json}",
  );
  const config = squash(tf.output.airflow_variable_airq_config[0].value);
  assert.ok(config.includes("job_queue=local.job_queue_name"));
  for (const step of ["ingest", "transform", "compliance", "load"]) {
    assert.ok(
      config.includes(`job_definition_${step}=aws_batch_job_definition.airq["${step}"].name`),
    );
  }
  assert.ok(config.includes("alarm_topic_arn=aws_sns_topic.alarms.arn"));
});

Deno.test("every checkov skip in terraform/ and the Dockerfile names a check and gives a reason", async () => {
  const files = [...Deno.readDirSync(TERRAFORM_DIR)].filter((e) => e.name.endsWith(".tf"))
    .map((e) => TERRAFORM_DIR + e.name).concat(`${TERRAFORM_DIR}../Dockerfile`);
  let skips = 0;
  for (const file of files) {
    for (const line of (await Deno.readTextFile(file)).split("\n")) {
      if (!line.includes("checkov:skip")) continue;
      skips++;
      assert.match(line.trim(), /^#checkov:skip=CKV2?_[A-Z]+_\d+:\S.{20,}$/, `${file}: ${line}`);
    }
  }
  // CKV_AWS_109/111/356 on the KMS key policy; CKV_AWS_18/144 and CKV2_AWS_62 on the created bucket.
  assert.equal(skips, 6);
});
