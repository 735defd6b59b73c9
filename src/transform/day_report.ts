/** What one day of a transform run reports, in this thread or from a Worker. */
import type { DaySummary } from "./transform_day.ts";

/** The outcome of one day: its summary when ok, its error when failed. */
export type DayReport =
  | ({ status: "ok"; duration_ms: number } & DaySummary)
  | {
    status: "failed";
    date: string;
    duration_ms: number;
    error: string;
    /** Set when the lake's store did not answer: the run stops its remaining days. */
    lake_unreachable?: true;
  }
  | { status: "skipped"; date: string; duration_ms: number };
