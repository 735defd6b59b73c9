import assert from "node:assert/strict";
import { block, type Hcl, loadTerraform, locals, squash } from "./_hcl.ts";

const tf = await loadTerraform();
const jobs = block(tf, "resource", "aws_batch_job_definition", "airq");
const container = squash(jobs.container_properties);

Deno.test("aws_batch_job_definition.airq defines ingest, transform, compliance and load named <prefix>-airq-<step>", () => {
  assert.equal(jobs.for_each, "${local.jobs}");
  assert.deepEqual(Object.keys(locals(tf).jobs).sort(), [
    "compliance",
    "ingest",
    "load",
    "transform",
  ]);
  assert.equal(jobs.name, "${local.name}-${each.key}");
  assert.equal(locals(tf).name, "${var.name_prefix}-airq");
  assert.equal(jobs.type, "container");
});

Deno.test("aws_batch_job_definition.airq runs `deno task <step>` with a command the DAG can override", () => {
  const byStep = locals(tf).jobs;
  assert.deepEqual(byStep.ingest.command, ["ingest"]);
  assert.deepEqual(byStep.transform.command, ["transform"]);
  assert.deepEqual(byStep.compliance.command, ["compliance"]);
  assert.deepEqual(byStep.load.command, ["load"]);
  assert.ok(container.includes("command=each.value.command"));
  assert.ok(container.includes("image=local.image"));
  assert.equal(locals(tf).image, "${aws_ecr_repository.airq.repository_url}:${var.image_tag}");
});

Deno.test("aws_batch_job_definition.airq uses the platform variable with Fargate-only settings under it", () => {
  assert.deepEqual(jobs.platform_capabilities, ["${var.platform}"]);
  assert.equal(tf.variable.platform[0].default, "FARGATE");
  assert.ok(container.includes('fargatePlatformConfiguration={platformVersion="LATEST"}'));
  assert.ok(container.includes("networkConfiguration={assignPublicIp=var.assign_public_ip}"));
  assert.ok(container.includes(':k=>vifvar.platform=="FARGATE"'));
  assert.ok(!container.includes("privileged"), "no privileged container");
});

Deno.test("aws_batch_job_definition.airq retries only infrastructure failures, then exits on anything else", () => {
  const [strategy] = jobs.retry_strategy;
  assert.equal(strategy.attempts, "${var.job_attempts}");
  assert.deepEqual(strategy.evaluate_on_exit, [
    { action: "RETRY", on_status_reason: "Host EC2*" },
    { action: "RETRY", on_reason: "CannotPullContainerError*" },
    { action: "RETRY", on_reason: "ResourceInitializationError*" },
    { action: "EXIT", on_exit_code: "*" },
    { action: "EXIT", on_status_reason: "*" },
  ]);
  assert.equal(tf.variable.job_attempts[0].default, 3);
});

Deno.test("aws_batch_job_definition.airq has a per-step timeout of at least 60 s and a valid Fargate size", () => {
  assert.deepEqual(jobs.timeout, [{
    attempt_duration_seconds: "${each.value.resources.timeout_seconds}",
  }]);
  const defaults: Record<string, { vcpu: number; memory: number; timeout_seconds: number }> =
    tf.variable.job_resources[0].default;
  // Fargate's documented vCPU → memory (MiB) choices for the sizes used here.
  const fargate: Record<string, number[]> = {
    "0.25": [512, 1024, 2048],
    "0.5": [1024, 2048, 3072, 4096],
    "1": [2048, 3072, 4096, 5120, 6144, 7168, 8192],
  };
  for (const [step, r] of Object.entries(defaults)) {
    assert.ok(r.timeout_seconds >= 60, `${step} timeout`);
    assert.ok(
      fargate[String(r.vcpu)]?.includes(r.memory),
      `${step}: ${r.vcpu} vCPU/${r.memory} MiB`,
    );
  }
  const [pre] = jobs.lifecycle[0].precondition;
  assert.ok(squash(pre.condition).includes("contains(lookup(local.fargate_memory,"));
});

Deno.test("aws_batch_job_definition.airq logs to the airq log group through awslogs, one stream prefix per step", () => {
  assert.ok(container.includes('logDriver="awslogs"'));
  assert.ok(container.includes('"awslogs-group"=aws_cloudwatch_log_group.airq.name'));
  assert.ok(container.includes('"awslogs-region"=var.region'));
  assert.ok(container.includes('"awslogs-stream-prefix"=each.key'));
});

Deno.test("aws_batch_job_definition.airq passes the lake, timezone, API, region and deployment in the environment", () => {
  assert.ok(container.includes("environment=local.environment"));
  const env = Object.fromEntries(
    locals(tf).environment.map((e: Hcl) => [e.name, e.value]),
  );
  assert.deepEqual(env, {
    AIRQ_LAKE: "${local.lake_uri}",
    AIRQ_TIMEZONE: "${var.timezone}",
    AIRQ_API_URL: "${var.api_url}",
    AIRQ_PHENOMENA: "${var.phenomena}",
    AIRQ_SNOWFLAKE_TABLE: "${var.snowflake_table}",
    AWS_REGION: "${var.region}",
    AIRQ_DEPLOYMENT: "${local.deployment}",
  });
  assert.equal(locals(tf).deployment, "${var.name_prefix}");
  assert.equal(locals(tf).lake_uri, "s3://${var.bucket}/${local.lake_prefix}");
  assert.equal(locals(tf).lake_prefix, '${coalesce(var.lake_prefix, "${var.name_prefix}/airq")}');
  assert.equal(tf.variable.timezone[0].default, "Europe/Brussels");
});

Deno.test("aws_batch_job_definition.airq gives only the load job the Snowflake secret, key by key", () => {
  const byStep = locals(tf).jobs;
  assert.deepEqual(
    [
      byStep.ingest.secrets,
      byStep.transform.secrets,
      byStep.compliance.secrets,
      byStep.load.secrets,
    ],
    [false, false, false, true],
  );
  assert.ok(
    container.includes("{fork,vin{secrets=local.snowflake_secrets}:k=>vifeach.value.secrets}"),
  );
  assert.equal(
    squash(locals(tf).snowflake_secrets),
    '${[forenv_name,json_keyinvar.snowflake_secret_keys:{name=env_name,valueFrom="${var.snowflake_secret_arn}:${json_key}::"}]}',
  );
  assert.deepEqual(Object.keys(tf.variable.snowflake_secret_keys[0].default).sort(), [
    "SNOWFLAKE_ACCOUNT",
    "SNOWFLAKE_DATABASE",
    "SNOWFLAKE_PASSWORD",
    "SNOWFLAKE_ROLE",
    "SNOWFLAKE_SCHEMA",
    "SNOWFLAKE_USER",
    "SNOWFLAKE_WAREHOUSE",
  ]);
});

Deno.test("aws_batch_job_definition.airq runs as the job role (existing or created) and the execution role", () => {
  assert.ok(container.includes("jobRoleArn=local.job_role_arn"));
  assert.ok(container.includes("executionRoleArn=local.execution_role_arn"));
  assert.equal(block(tf, "data", "aws_iam_role", "job").name, "${var.job_role_name}");
  assert.equal(tf.variable.job_role_name[0].default, "integrated-exercise-batch-job-role");
});
