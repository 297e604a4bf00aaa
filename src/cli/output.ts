/**
 * Where CLI commands write: data to stdout (JSON with `--json`), errors to
 * stderr as `error <code>: <message>` and `hint: <hint>` (SPEC §18).
 */
import type { OompahError, Warning } from "../domain/errors.js";

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : text + "\n"),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : text + "\n"),
};

export function printError(o: Output, e: OompahError): void {
  o.err(`error ${e.code}: ${e.message}`);
  if (e.hint) o.err(`hint: ${e.hint}`);
}

export function printWarnings(o: Output, warnings: readonly Warning[]): void {
  for (const w of warnings) o.err(`warning ${w.code}: ${w.message}`);
}

export function printJson(o: Output, value: unknown): void {
  o.out(JSON.stringify(value, null, 2));
}
