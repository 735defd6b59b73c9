/**
 * A checker of one log line against the CloudWatch Embedded Metric Format specification
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
 * written from the spec's rules, quoted next to each check. It does not import src/log/emf.ts:
 * the module is checked against the spec, not against itself.
 */

// "Unit – OPTIONAL. A string value representing the unit of measure of the metric. Values
// can be: Seconds, Microseconds, Milliseconds, Bytes, …, Count/Second, None."
const UNITS = new Set([
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
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function extraMembers(o: Record<string, unknown>, allowed: string[], where: string): string[] {
  // "Unless otherwise noted, objects defined by this specification MUST NOT contain any
  // additional members."
  return Object.keys(o).filter((k) => !allowed.includes(k)).map((k) =>
    `${where}: member "${k}" is not in the spec`
  );
}

/** Every way `line` (one log line) breaks the EMF spec; [] when it is a valid EMF document. */
export function emfProblems(line: string): string[] {
  const p: string[] = [];
  // "The embedded metric format is subject to the same limits as standard CloudWatch Logs
  // events and are limited to a maximum size of 1 MB."
  if (new TextEncoder().encode(line).length > 1024 * 1024) p.push("line: larger than 1 MB");
  // "The LogEvent message MUST be a valid JSON object with no additional data at the
  // beginning or end of the LogEvent message string."
  let root: unknown;
  try {
    root = JSON.parse(line);
  } catch {
    return ["line: not JSON"];
  }
  if (!isObject(root)) return ["root: not a JSON object"];
  if (line.trim() !== line || line.includes("\n")) p.push("line: data around the object");
  // "Embedded metric format documents MUST contain the following top-level member on the
  // root node. This is a Metadata object: _aws"
  const aws = root._aws;
  if (!isObject(aws)) return [...p, "_aws: missing or not an object"];
  p.push(...extraMembers(aws, ["CloudWatchMetrics", "Timestamp", "LogGroupName"], "_aws"));
  // "Timestamp – A number representing the time stamp used for metrics extracted from the
  // event. Values MUST be expressed as the number of milliseconds after Jan 1, 1970."
  if (typeof aws.Timestamp !== "number" || !Number.isInteger(aws.Timestamp) || aws.Timestamp < 0) {
    p.push("_aws.Timestamp: not a number of milliseconds since 1970");
  }
  // "CloudWatchMetrics – An array of MetricDirective objects"
  const directives = aws.CloudWatchMetrics;
  if (!Array.isArray(directives) || directives.length === 0) {
    return [...p, "_aws.CloudWatchMetrics: missing or empty"];
  }
  directives.forEach((d, i) => p.push(...directiveProblems(root, d, `CloudWatchMetrics[${i}]`)));
  return p;
}

function directiveProblems(root: Record<string, unknown>, d: unknown, where: string): string[] {
  if (!isObject(d)) return [`${where}: not an object`];
  const p = extraMembers(d, ["Namespace", "Dimensions", "Metrics"], where);
  // "Namespace – A string representing the CloudWatch namespace for the metric."
  // (CloudWatch namespaces: 1-255 characters of letters, digits, . - _ / # : and space.)
  if (typeof d.Namespace !== "string" || !/^[A-Za-z0-9.\-_/#: ]{1,255}$/.test(d.Namespace)) {
    p.push(`${where}.Namespace: not a valid namespace`);
  }
  // "Dimensions – A DimensionSet array." "A DimensionSet is an array of strings containing
  // the dimension keys that will be applied to all metrics in the document. The values
  // within this array MUST also be members on the root-node—referred to as the Target
  // Members." "A DimensionSet MUST NOT contain more than 30 dimension keys." "The target
  // member MUST have a string value. This value MUST NOT be more than 1024 characters."
  if (!Array.isArray(d.Dimensions)) p.push(`${where}.Dimensions: not an array`);
  else {
    d.Dimensions.forEach((set, i) => {
      const at = `${where}.Dimensions[${i}]`;
      if (!Array.isArray(set)) return p.push(`${at}: not an array`);
      if (set.length > 30) p.push(`${at}: more than 30 dimension keys`);
      for (const key of set) {
        const value = typeof key === "string" ? root[key] : undefined;
        if (typeof key !== "string") p.push(`${at}: a key is not a string`);
        else if (typeof value !== "string" || value.length === 0 || value.length > 1024) {
          p.push(`${at}: target member "${key}" is not a string of 1-1024 characters`);
        }
      }
    });
  }
  // "Metrics – An array of MetricDefinition objects. This array MUST NOT contain more than
  // 100 MetricDefinition objects."
  if (!Array.isArray(d.Metrics) || d.Metrics.length === 0) {
    return [...p, `${where}.Metrics: missing or empty`];
  }
  if (d.Metrics.length > 100) p.push(`${where}.Metrics: more than 100 definitions`);
  d.Metrics.forEach((m, i) => p.push(...metricProblems(root, m, `${where}.Metrics[${i}]`)));
  return p;
}

function metricProblems(root: Record<string, unknown>, m: unknown, where: string): string[] {
  if (!isObject(m)) return [`${where}: not an object`];
  const p = extraMembers(m, ["Name", "Unit", "StorageResolution"], where);
  // "Name – REQUIRED. A string reference to a metric Target Members. Metric targets MUST be
  // either a numeric value or an array of numeric values." "Arrays MUST NOT contain more
  // than 100 values."
  if (typeof m.Name !== "string" || m.Name.length === 0 || m.Name.length > 1024) {
    return [...p, `${where}.Name: not a string of 1-1024 characters`];
  }
  const target = root[m.Name];
  const numbers = Array.isArray(target) ? target : [target];
  if (
    numbers.length === 0 || numbers.length > 100 ||
    !numbers.every((n) => typeof n === "number" && Number.isFinite(n))
  ) {
    p.push(`${where}: target member "${m.Name}" is not a number (or 1-100 numbers)`);
  }
  if (m.Unit !== undefined && !UNITS.has(String(m.Unit))) {
    p.push(`${where}.Unit: "${m.Unit}" is not an allowed unit`);
  }
  // "StorageResolution – OPTIONAL. An integer value representation of the storage
  // resolution for the metric. Value can be either 1 or 60 (default)."
  if (
    m.StorageResolution !== undefined && m.StorageResolution !== 1 && m.StorageResolution !== 60
  ) {
    p.push(`${where}.StorageResolution: not 1 or 60`);
  }
  return p;
}
