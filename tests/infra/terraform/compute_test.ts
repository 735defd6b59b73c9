import assert from "node:assert/strict";
import { block, loadTerraform, squash } from "./_hcl.ts";

const tf = await loadTerraform();
const environment = block(tf, "resource", "aws_batch_compute_environment", "airq");

Deno.test("aws_batch_compute_environment.airq is managed Fargate in the given subnets and security groups", () => {
  assert.equal(environment.type, "MANAGED");
  assert.equal(environment.state, "ENABLED");
  assert.deepEqual(environment.compute_resources, [{
    type: "FARGATE",
    max_vcpus: "${var.max_vcpus}",
    subnets: "${var.subnet_ids}",
    security_group_ids: "${var.security_group_ids}",
  }]);
  assert.equal(environment.service_role, "${var.batch_service_role_arn}");
  assert.equal(tf.variable.batch_service_role_arn[0].default, null);
  assert.deepEqual(tf.variable.subnet_ids[0].default, []);
  assert.deepEqual(tf.variable.security_group_ids[0].default, []);
  assert.equal(tf.variable.max_vcpus[0].default, 16);
});

Deno.test("aws_batch_compute_environment.airq has a generated name (provider 5 and 6) and is replaced first", () => {
  for (const name of ["name", "name_prefix", "compute_environment_name"]) {
    assert.ok(!(name in environment), `${name} is set`);
  }
  assert.equal(environment.lifecycle[0].create_before_destroy, true);
  assert.equal(environment.tags.Name, "${local.name}");
});

Deno.test("aws_batch_compute_environment.airq refuses missing subnets or groups, and an EC2 platform", () => {
  const [network, platform] = environment.lifecycle[0].precondition;
  assert.equal(
    squash(network.condition),
    "${length(var.subnet_ids)>0&&length(var.security_group_ids)>0}",
  );
  assert.match(
    network.error_message,
    /^Cannot create the job queue's compute environment: set subnet_ids/,
  );
  assert.equal(platform.condition, '${var.platform == "FARGATE"}');
});

Deno.test("aws_batch_job_queue.airq is var.job_queue, enabled, on the compute environment", () => {
  const queue = block(tf, "resource", "aws_batch_job_queue", "airq");
  assert.equal(queue.name, "${var.job_queue}");
  assert.equal(queue.state, "ENABLED");
  assert.deepEqual(queue.compute_environment_order, [{
    order: 1,
    compute_environment: "${aws_batch_compute_environment.airq[0].arn}",
  }]);
  assert.ok(!("compute_environments" in queue), "the argument provider 6 removed");
});
