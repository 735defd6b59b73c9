import assert from "node:assert/strict";
import { LakeError } from "../../src/errors.ts";
import { runLoad } from "../../src/load/run_load.ts";
import {
  copyIntoSql,
  createHourlyTableSql,
  putSql,
  rowsLoaded,
  stageFolder,
} from "../../src/load/stage_sql.ts";
import { publishPartition } from "../../src/lake/publish_partition.ts";
import type { SnowflakeSession } from "../../src/snowflake.ts";
import { MemoryStore } from "../_fakes.ts";

const TABLE = { database: "AIRQ", schema: "CLEAN", table: "MEASUREMENTS_HOURLY" };
const SHA = "ab".repeat(32);

Deno.test("stageFolder() names the table stage, the date and the file's sha256", () => {
  assert.equal(
    stageFolder(TABLE, "2024-03-31", SHA),
    "@AIRQ.CLEAN.%MEASUREMENTS_HOURLY/airq/date=2024-03-31/abababababababab/",
  );
  assert.throws(() => stageFolder(TABLE, "2024-3-31", SHA), RangeError);
});

Deno.test("putSql() uploads a local file as is and refuses a path that could break the SQL", () => {
  assert.equal(
    putSql("/tmp/airq-put-1/part.parquet", "@A.B.%T/airq/"),
    "PUT 'file:///tmp/airq-put-1/part.parquet' @A.B.%T/airq/ AUTO_COMPRESS = FALSE OVERWRITE = TRUE",
  );
  assert.throws(() => putSql("/tmp/x' OR 1/part.parquet", "@A.B.%T/"), RangeError);
  assert.throws(() => putSql("relative/part.parquet", "@A.B.%T/"), RangeError);
});

Deno.test("copyIntoSql() casts every Parquet column, adds loaded_at, forces and purges", () => {
  const sql = copyIntoSql(TABLE, "@F/", "2026-11-25 01:02:03.456");
  assert.match(sql, /^COPY INTO "AIRQ"\."CLEAN"\."MEASUREMENTS_HOURLY" \("STATION_ID", /);
  assert.match(sql, /\$1:date::DATE, \$1:station_code::VARCHAR, \$1:pollutant::VARCHAR, /);
  assert.match(sql, /TO_TIMESTAMP_NTZ\(\$1:timestamp_ms::BIGINT, 3\), '2026-11-25 01:02:03\.456'/);
  assert.match(
    sql,
    /FROM @F\/\)\nFILE_FORMAT = \(TYPE = PARQUET USE_LOGICAL_TYPE = TRUE\) FORCE = TRUE PURGE = TRUE$/,
  );
  assert.throws(() => copyIntoSql(TABLE, "@F/", "2026-11-25'; DROP"), RangeError);
  const ddl = createHourlyTableSql(TABLE);
  assert.match(ddl, /"HOUR_END" TIMESTAMP_NTZ NOT NULL,\n {2}"LOADED_AT" TIMESTAMP_NTZ NOT NULL\n/);
});

Deno.test("rowsLoaded() sums LOADED files and is NaN for anything else", () => {
  assert.equal(
    rowsLoaded([{ status: "LOADED", rows_loaded: 3 }, { status: "LOADED", rows_loaded: "4" }]),
    7,
  );
  assert.ok(Number.isNaN(rowsLoaded([])));
  assert.ok(Number.isNaN(rowsLoaded([{ status: "LOAD_FAILED", rows_loaded: 0 }])));
});

Deno.test("runLoad() of the hourly table PUTs before BEGIN and rolls back a short COPY", async () => {
  const store = new MemoryStore();
  const selection = { phenomena: [5], near: null };
  await publishPartition(
    store,
    { table: "measurements_hourly", date: "2024-03-31" },
    new Uint8Array([7]),
    {
      rows: 46,
      sourceManifestSha256: "c".repeat(64),
      selection,
    },
  );
  const calls: string[] = [];
  const session: SnowflakeSession = {
    execute(sql) {
      calls.push(sql.split(/\s/)[0]!);
      const rows = sql.startsWith("COPY") ? [{ status: "LOADED", rows_loaded: 45 }] : [];
      return Promise.resolve({ rows, rowsAffected: sql.startsWith("DELETE") ? 0 : undefined });
    },
    close: () => Promise.resolve(),
  };
  const puts: string[] = [];
  const putFile = (
    _s: SnowflakeSession,
    f: { folder: string; fileName: string; bytes: Uint8Array },
  ) => {
    puts.push(`${f.folder}${f.fileName}:${f.bytes.length}`);
    calls.push("PUT");
    return Promise.resolve();
  };
  const load = (date: string) =>
    runLoad({
      dates: [date],
      cleanTable: "measurements_hourly",
      table: TABLE,
      batchSize: 1,
      createSchema: false,
    }, { store, connect: () => Promise.resolve(session), now: () => 0, putFile });
  await assert.rejects(
    load("2024-03-31"),
    /Cannot load 2024-03-31: COPY INTO loaded 45 rows from @AIRQ\.CLEAN\.%MEASUREMENTS_HOURLY\/airq\/date=2024-03-31\/[0-9a-f]{16}\/, the partition has 46/,
  );
  assert.deepEqual(calls, [
    "CREATE",
    "CREATE",
    "SELECT",
    "PUT",
    "BEGIN",
    "DELETE",
    "COPY",
    "ROLLBACK",
  ]);
  assert.match(
    puts.join(" "),
    /^@AIRQ\.CLEAN\.%MEASUREMENTS_HOURLY\/airq\/date=2024-03-31\/[0-9a-f]{16}\/part\.parquet:1$/,
  );
  await assert.rejects(load("2024-04-01"), LakeError);
});
