/** The module graph of one entry point, as `deno info --json` reports it (dev tooling). */

/**
 * Run `deno info --json` on `entry` in the project at `root`; throws with deno's message.
 * `M` is the shape of a module as far as the caller reads it.
 */
export async function denoInfo<M>(root: string, entry: string): Promise<{ modules: M[] }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "--config", `${root.replace(/\/$/, "")}/deno.json`, entry],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(
      `Cannot read the module graph of "${entry}": ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  return JSON.parse(new TextDecoder().decode(out.stdout));
}
