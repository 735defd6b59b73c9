/**
 * The host[:port] syntax Deno's `--allow-net` accepts, checked before a flag is built, so a
 * malformed host is a configuration error with our message, not Deno's CLI error. Pure.
 */

const LABEL = "[A-Za-z0-9_*](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
const NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`);
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;

/** Why `entry` is not a host[:port] Deno can grant, or undefined when it is one. */
export function netHostProblem(entry: string): string | undefined {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(entry);
  if (m === null) return "is not host[:port] (an IPv6 address needs [brackets])";
  const [, host = "", port] = m;
  if (host.length > 253 || !(NAME.test(host) || IPV4.test(host) || IPV6.test(host))) {
    return "is not a valid host name (letters, digits, '-', '_' and single dots)";
  }
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) {
    return "has a port that is not an integer from 0 to 65535";
  }
  return undefined;
}
