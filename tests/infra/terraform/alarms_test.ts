import assert from "node:assert/strict";
import {
  EMF_DIMENSIONS,
  EMF_EVENTS,
  EMF_NAMESPACE,
  type MetricRule,
} from "../../../src/log/emf.ts";
import { block, type Hcl, loadTerraform, locals, squash } from "./_hcl.ts";

const tf = await loadTerraform();
const alarm = (name: string) => block(tf, "resource", "aws_cloudwatch_metric_alarm", name);
const TOPIC = ["${aws_sns_topic.alarms.arn}"];

/** The metrics an alarm reads: [namespace, name, dimensions] of it or of its metric queries. */
function metricsOf(a: Hcl): [string, string, Record<string, string>][] {
  if (a.metric_name) return [[a.namespace, a.metric_name, a.dimensions]];
  return a.metric_query.filter((q: Hcl) => q.metric).map((q: Hcl) => {
    const m = q.metric[0];
    return [m.namespace, m.metric_name, m.dimensions];
  });
}

/** The metric name for `task`: a literal, or the failed-unit lookup (DaysFailed unless listed). */
function metricOf(metric: string, task: string): string {
  if (metric !== '${lookup(local.failed_unit_metric, each.key, "DaysFailed")}') return metric;
  return (locals(tf).failed_unit_metric as Record<string, string>)[task] ?? "DaysFailed";
}

Deno.test("every alarm reads a metric its task logs, with the tasks' dimensions, and notifies the topic", () => {
  const all = tf.resource.aws_cloudwatch_metric_alarm;
  assert.deepEqual(Object.keys(all).sort(), [
    "failed",
    "series_low",
    "transform_stale",
    "valid_share_low",
  ]);
  for (const name of Object.keys(all)) {
    const a = alarm(name);
    assert.deepEqual([a.alarm_actions, a.ok_actions], [
      "${local.alarm_actions}",
      "${local.alarm_actions}",
    ]);
    for (const [namespace, metric, dimensions] of metricsOf(a)) {
      assert.equal(namespace, EMF_NAMESPACE);
      assert.deepEqual(Object.keys(dimensions).sort(), [...EMF_DIMENSIONS].sort());
      assert.equal(dimensions.deployment, "${local.deployment}");
      const tasks: string[] = dimensions.task === "${each.key}"
        ? Object.keys(locals(tf).jobs)
        : [String(dimensions.task)];
      for (const task of tasks) {
        const carried = Object.values(EMF_EVENTS[task] ?? {}).flat().map((r: MetricRule) => r.name);
        const named = metricOf(metric, task);
        assert.ok(carried.includes(named), `${name}: ${task} logs no ${named}`);
      }
    }
  }
  assert.deepEqual(locals(tf).alarm_actions, TOPIC);
});

Deno.test("aws_cloudwatch_metric_alarm.failed fires per task on a failed day or an aborted run", () => {
  const a = alarm("failed");
  assert.equal(a.for_each, "${local.jobs}");
  assert.equal(a.alarm_name, "${local.name}-${each.key}-failed");
  assert.deepEqual([a.comparison_operator, a.threshold, a.evaluation_periods], [
    "GreaterThanThreshold",
    0,
    1,
  ]);
  assert.equal(a.treat_missing_data, "notBreaching");
  const [sum] = a.metric_query.filter((q: Hcl) => q.return_data);
  assert.equal(squash(sum.expression), "FILL(days,0)+FILL(aborted,0)");
  assert.deepEqual(metricsOf(a).map(([, m]) => metricOf(m, "ingest")), [
    "DaysFailed",
    "RunsAborted",
  ]);
  assert.deepEqual(metricsOf(a).map(([, m]) => metricOf(m, "compliance")), [
    "YearsFailed",
    "RunsAborted",
  ]);
});

Deno.test("aws_cloudwatch_metric_alarm.transform_stale: no published day for 26 hours, missing data breaching", () => {
  const a = alarm("transform_stale");
  assert.equal(a.metric_name, "DaysOk");
  assert.equal(a.dimensions.task, "transform");
  assert.equal(a.statistic, "Sum");
  assert.equal(a.period * a.evaluation_periods, 26 * 3600);
  assert.equal(a.datapoints_to_alarm, a.evaluation_periods);
  assert.deepEqual([a.comparison_operator, a.threshold], ["LessThanThreshold", 1]);
  assert.equal(a.treat_missing_data, "breaching");
});

Deno.test("the data alarms compare the day's minimum with their threshold variables", () => {
  for (
    const [name, metric, task, variable, fallback] of [
      ["valid_share_low", "ValidAggregateShare", "transform", "alarm_valid_share_percent", 80],
      ["series_low", "SeriesFetched", "ingest", "alarm_min_series", 100],
    ] as const
  ) {
    const a = alarm(name);
    assert.deepEqual([a.metric_name, a.dimensions.task, a.statistic], [metric, task, "Minimum"]);
    assert.deepEqual([a.comparison_operator, a.threshold], [
      "LessThanThreshold",
      `\${var.${variable}}`,
    ]);
    assert.equal(a.treat_missing_data, "notBreaching");
    assert.equal(tf.variable[variable][0].default, fallback);
  }
});

Deno.test("aws_sns_topic.alarms is KMS-encrypted, e-mails var.alarm_emails, and CloudWatch may publish", () => {
  const topic = block(tf, "resource", "aws_sns_topic", "alarms");
  assert.equal(topic.name, "${local.name}-alarms");
  assert.equal(topic.kms_master_key_id, "${aws_kms_key.airq.arn}");
  const sub = block(tf, "resource", "aws_sns_topic_subscription", "alarm_email");
  assert.deepEqual([sub.for_each, sub.protocol, sub.endpoint], [
    "${toset(var.alarm_emails)}",
    "email",
    "${each.value}",
  ]);
  assert.deepEqual(tf.variable.alarm_emails[0].default, []);
  const policy = block(tf, "data", "aws_iam_policy_document", "alarms_topic").statement;
  assert.deepEqual(policy.map((s: Hcl) => [s.actions, s.principals[0].identifiers]), [
    [["sns:Publish"], ["cloudwatch.amazonaws.com"]],
  ]);
  const key = block(tf, "data", "aws_iam_policy_document", "kms").statement;
  const cw = key.find((s: Hcl) => s.sid === "CloudWatchAlarmsUseKeyForAlarmTopic");
  assert.deepEqual(cw.actions, ["kms:Decrypt", "kms:GenerateDataKey*"]);
  assert.deepEqual(cw.condition[0].values, ["${local.account_id}"]);
});

Deno.test("aws_iam_role_policy.mwaa_alarms lets a named MWAA role publish to the topic, nothing else", () => {
  const policy = block(tf, "resource", "aws_iam_role_policy", "mwaa_alarms");
  assert.equal(policy.count, "${var.mwaa_execution_role_name == null ? 0 : 1}");
  assert.equal(policy.role, "${var.mwaa_execution_role_name}");
  assert.equal(tf.variable.mwaa_execution_role_name[0].default, null);
  const doc = block(tf, "data", "aws_iam_policy_document", "mwaa_alarms").statement;
  assert.deepEqual(doc.map((s: Hcl) => [s.actions, s.resources]), [
    [["sns:Publish"], TOPIC],
    [["kms:GenerateDataKey", "kms:Decrypt"], ["${aws_kms_key.airq.arn}"]],
  ]);
});
