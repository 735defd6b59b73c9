/**
 * CloudWatch Embedded Metric Format (EMF) for the JSON log lines of ingest, transform and
 * load: CloudWatch Logs turns an event carrying an `_aws` block into metrics, with no SDK
 * and no extra call. Which events carry which metrics is declared once, in EMF_EVENTS;
 * withEmf() adds the block, the `deployment` dimension and the metric values to a record.
 *
 * Each fact is counted by one event only, so sums over a period mean something:
 * `day_done` counts days and what they fetched, published or loaded (compliance counts years:
 * `year_done`, `year_failed`); the run's summary
 * (`summary`, load's `done`) gives the run's duration; `failed` (a run stopped by an error
 * before reporting its days) counts an aborted run.
 *
 * Spec: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */

/** The CloudWatch namespace of every airq metric. */
export const EMF_NAMESPACE = "airq";

/** The one dimension set: both are top-level string members of every line. */
export const EMF_DIMENSIONS = ["task", "deployment"] as const;

/** Units the EMF specification allows for a MetricDefinition (its "Unit" member). */
export const EMF_UNITS = [
  "Seconds",
  "Microseconds",
  "Milliseconds",
  "Bytes",
  "Kilobytes",
  "Megabytes",
  "Gigabytes",
  "Terabytes",
  "Bits",
  "Kilobits",
  "Megabits",
  "Gigabits",
  "Terabits",
  "Percent",
  "Count",
  "Bytes/Second",
  "Kilobytes/Second",
  "Megabytes/Second",
  "Gigabytes/Second",
  "Terabytes/Second",
  "Bits/Second",
  "Kilobits/Second",
  "Megabits/Second",
  "Gigabits/Second",
  "Terabits/Second",
  "Count/Second",
  "None",
] as const;

/** A unit of EMF_UNITS. */
export type EmfUnit = (typeof EMF_UNITS)[number];

/** One metric of an event: its name, unit and value (undefined: not carried by this event). */
export interface MetricRule {
  name: string;
  unit: EmfUnit;
  value: (fields: Record<string, unknown>) => number | undefined;
}

function num(fields: Record<string, unknown>, key: string): number | undefined {
  const v = fields[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function field(name: string, key: string, unit: EmfUnit = "Count"): MetricRule {
  return { name, unit, value: (f) => num(f, key) };
}

/** `rule` only for a day whose status is "ok" (a skipped or failed day fetched nothing). */
function okDay(rule: MetricRule): MetricRule {
  return { ...rule, value: (f) => (f.status === "ok" ? rule.value(f) : undefined) };
}

function dayStatus(name: string, status: string): MetricRule {
  return {
    name,
    unit: "Count",
    value: (f) => (typeof f.status === "string" ? Number(f.status === status) : undefined),
  };
}

const DAY_STATUS = [
  dayStatus("DaysOk", "ok"),
  dayStatus("DaysFailed", "failed"),
  dayStatus("DaysSkipped", "skipped"),
];
const DURATION = field("Duration", "duration_ms", "Milliseconds");
const ABORTED: MetricRule = { name: "RunsAborted", unit: "Count", value: () => 1 };

function validAggregates(f: Record<string, unknown>): number | undefined {
  const rows = num(f, "aggregate_rows");
  const invalid = num(f, "invalid_aggregates");
  return rows === undefined || invalid === undefined ? undefined : rows - invalid;
}

/** Valid aggregates as a percentage of the raw day's series (one aggregate expected each). */
function validShare(f: Record<string, unknown>): number | undefined {
  const valid = validAggregates(f);
  const series = num(f, "series");
  if (valid === undefined || series === undefined || series === 0) return undefined;
  return Math.round((valid / series) * 10_000) / 100;
}

/** task → event → the metrics it carries. */
export const EMF_EVENTS: Readonly<Record<string, Readonly<Record<string, MetricRule[]>>>> = {
  ingest: {
    day_done: [
      ...DAY_STATUS,
      okDay(field("SeriesFetched", "series")),
      okDay(field("ValuesFetched", "values")),
      field("Requests", "requests"),
      field("Retries", "retries"),
    ],
    summary: [DURATION],
    failed: [ABORTED],
  },
  transform: {
    day_done: [
      ...DAY_STATUS,
      okDay({ name: "ValidAggregates", unit: "Count", value: validAggregates }),
      okDay({ name: "ValidAggregateShare", unit: "Percent", value: validShare }),
    ],
    summary: [DURATION],
    failed: [ABORTED],
  },
  load: {
    day_done: [...DAY_STATUS, okDay(field("RowsLoaded", "inserted"))],
    done: [DURATION],
    failed: [ABORTED],
  },
  compliance: {
    year_done: [{ name: "YearsBuilt", unit: "Count", value: () => 1 }],
    year_failed: [{ name: "YearsFailed", unit: "Count", value: () => 1 }],
    failed: [ABORTED],
  },
};

/** Options of withEmf(). */
export interface EmfOptions {
  /** Value of the `deployment` dimension (see readDeployment()). */
  deployment: string;
}

/**
 * `record` (a log line's object with `ts`, `task` and `event`) plus, when its task and event
 * carry metrics, `deployment`, the metric values as top-level numbers and the `_aws` block.
 * Other records are returned unchanged; existing members are never overwritten.
 */
export function withEmf(
  record: Record<string, unknown>,
  options: EmfOptions,
): Record<string, unknown> {
  const rules = EMF_EVENTS[String(record.task)]?.[String(record.event)];
  const timestamp = typeof record.ts === "string" ? Date.parse(record.ts) : NaN;
  if (rules === undefined || Number.isNaN(timestamp)) return record;
  const values: Record<string, number> = {};
  const metrics: { Name: string; Unit: EmfUnit }[] = [];
  for (const rule of rules) {
    const value = rule.value(record);
    if (value === undefined || rule.name in record) continue;
    values[rule.name] = value;
    metrics.push({ Name: rule.name, Unit: rule.unit });
  }
  if (metrics.length === 0 || "deployment" in record || "_aws" in record) return record;
  return {
    ...record,
    deployment: options.deployment,
    ...values,
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        { Namespace: EMF_NAMESPACE, Dimensions: [[...EMF_DIMENSIONS]], Metrics: metrics },
      ],
    },
  };
}
