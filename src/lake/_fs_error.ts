/** Filesystem errors of the file store as one message naming the path and the fix. */
import { LakeError } from "../errors.ts";

/** Turn a filesystem error into one message naming the path and the fix. */
export function fsError(
  error: unknown,
  where: { action: string; uri: string; path: string },
): Error {
  const { action, uri, path } = where;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  let why = message;
  if (error instanceof Deno.errors.NotCapable) {
    why = `Deno has no permission for "${path}": run with --allow-read and --allow-write ` +
      `for the lake folder`;
  } else if (error instanceof Deno.errors.PermissionDenied) {
    why = `permission denied on "${path}": make the folder writable by this user ` +
      `(chown/chmod) or choose another lake URI`;
  } else if (code === "ENOSPC" || /no space left on device|os error 28\b/i.test(message)) {
    why = `no space left on the device holding "${path}": free disk space or choose another ` +
      `lake URI`;
  } else if (code === "ENOTDIR" || /not a directory|os error 20\b/i.test(message)) {
    why = `a part of "${path}" is a file, not a folder: choose another lake URI or move the ` +
      `file away`;
  } else if (code === "EROFS" || /read-only file system|os error 30\b/i.test(message)) {
    why = `"${path}" is on a read-only file system: choose a writable lake URI`;
  }
  return new LakeError(`Cannot ${action} "${uri}": ${why}`, { cause: error });
}
