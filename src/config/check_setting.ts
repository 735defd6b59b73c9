/** Validation of one setting with its origin in the message. Pure. */
import type { Setting } from "./parse_flags.ts";

/** `check(value)`, or undefined after pushing "<source>: <error message>" to `problems`. */
export function checkSetting<T>(
  setting: Setting,
  check: (value: string) => T,
  problems: string[],
): T | undefined {
  try {
    return check(setting.value);
  } catch (e) {
    problems.push(`${setting.source}: ${(e as Error).message}`);
    return undefined;
  }
}
