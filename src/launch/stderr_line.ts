/**
 * stderr as a log stream: what the launcher does with each line a task's process writes there
 * when stderr is not a terminal. A task's own events (one JSON object per line, tasks/cli.ts)
 * pass unchanged; anything else (Deno's "error: Uncaught …" and its stack, a dependency's
 * console output) becomes one event `{"event": "stderr", "message": <the line>}`, so every
 * line that reaches the log is one JSON object. Pure.
 */

/** Colour codes (SGR) that Deno adds when NO_COLOR is unset: noise in a log message. */
// deno-lint-ignore no-control-regex -- matching the ESC control character is the point
const SGR = /\x1b\[[0-9;]*m/g;

/** The fields of the event that carries a foreign line. */
export interface ForeignLine {
  level: "warn" | "error";
  message: string;
}

/**
 * undefined when `line` is already one JSON object (pass it on as is); otherwise the level
 * and message of the event that should carry it: "error" for Deno's "error: …" lines.
 */
export function foreignLine(line: string): ForeignLine | undefined {
  if (line.startsWith("{")) {
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) return undefined;
    } catch {
      // not JSON: wrapped below
    }
  }
  const message = line.replace(SGR, "").replace(/\r$/, "");
  return { level: /^error\b/i.test(message) ? "error" : "warn", message };
}
