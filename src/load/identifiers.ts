/**
 * Snowflake identifiers from configuration: validated against the rules of unquoted
 * identifiers, then quoted in their resolved (upper-case) form, so `airq.clean.t` and
 * `AIRQ.CLEAN.T` name the same table and nothing a user types can change the SQL. Pure.
 */

const UNQUOTED_RE = /^[A-Za-z_][A-Za-z0-9_$]{0,254}$/;

/** A fully qualified table name, each part already validated and upper-cased. */
export interface TableName {
  database: string;
  schema: string;
  table: string;
}

/** Problem with one identifier, or undefined when it is a valid unquoted identifier. */
export function identifierProblem(value: string, what: string): string | undefined {
  if (UNQUOTED_RE.test(value)) return undefined;
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return `${what} ${shown} is not a valid Snowflake identifier: use 1-255 letters, digits, "_" or "$", starting with a letter or "_"`;
}

/** Quote a validated identifier in its upper-case form; TypeError if it is not valid. */
export function quoteIdentifier(value: string): string {
  const problem = identifierProblem(value, "Identifier");
  if (problem) throw new TypeError(problem);
  return `"${value.toUpperCase()}"`;
}

/** `"DB"."SCHEMA"."TABLE"` for a table name. */
export function quoteTableName(name: TableName): string {
  return [name.database, name.schema, name.table].map(quoteIdentifier).join(".");
}

/** Defaults that fill the missing leading parts of a table name. */
export interface TableNameDefaults {
  database: string;
  schema: string;
}

/**
 * Parse `TABLE`, `SCHEMA.TABLE` or `DB.SCHEMA.TABLE`, filling missing parts from the
 * defaults. Returns the name or the list of problems (every bad part is named).
 */
export function parseTableName(
  text: string,
  defaults: TableNameDefaults,
  what = "table",
): { name: TableName; problems: [] } | { name: undefined; problems: string[] } {
  const parts = text.split(".");
  if (parts.length > 3) {
    return {
      name: undefined,
      problems: [`${what} ${JSON.stringify(text)} has more than 3 parts: use DB.SCHEMA.TABLE`],
    };
  }
  const [database, schema, table] = [
    ...[defaults.database, defaults.schema].slice(0, 3 - parts.length),
    ...parts,
  ] as [string, string, string];
  const labels = ["database", "schema", "table"];
  const problems = [database, schema, table]
    .map((p, i) => identifierProblem(p, `${what} ${labels[i]}`))
    .filter((p): p is string => p !== undefined);
  if (problems.length) return { name: undefined, problems };
  return {
    name: {
      database: database.toUpperCase(),
      schema: schema.toUpperCase(),
      table: table.toUpperCase(),
    },
    problems: [],
  };
}
