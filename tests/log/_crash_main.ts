/** A task whose error escapes main's promise chain: `throw` (timer) or `reject` (unawaited). */
import { runMain } from "../../tasks/cli.ts";

runMain("crash-probe", (log) => {
  log("start");
  if (Deno.args[0] === "throw") setTimeout(() => JSON.parse("{broken"), 10);
  else Promise.reject(new RangeError("Cannot wait: nobody awaits this"));
  return new Promise(() => {});
});
