/**
 * The launcher's copy of a task's stderr when its own stderr is not a terminal: line by line,
 * a JSON event as it is (`pass`), any other line as the level and message of a new event
 * (`wrap`, see foreignLine()). A last line without a newline is copied too.
 */
import { type ForeignLine, foreignLine } from "./stderr_line.ts";

/** Where relayStderr() sends each line. */
export interface RelayStderrOptions {
  /** A line that already is one JSON object. */
  pass: (line: string) => void;
  /** Any other line. */
  wrap: (line: ForeignLine) => void;
}

/** Copy `stream` line by line until it ends. */
export async function relayStderr(
  stream: ReadableStream<Uint8Array<ArrayBuffer>>,
  options: RelayStderrOptions,
): Promise<void> {
  const emit = (line: string) => {
    if (line === "") return;
    const foreign = foreignLine(line);
    if (foreign === undefined) options.pass(line);
    else options.wrap(foreign);
  };
  let rest = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    lines.forEach(emit);
  }
  emit(rest);
}
