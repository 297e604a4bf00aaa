/**
 * pino JSON logs (SPEC §20) to stdout and to the data directory's daily file.
 * Every line passes through the SecretRedactor before it is written, so a
 * secret can never reach a log sink whatever field it hides in.
 */
import { pino, type Logger, type LevelWithSilent } from "pino";
import type { SecretRedactor } from "../domain/redaction.js";
import type { RotatingFileSink } from "./rotating-file.js";

export type { Logger };

export interface LoggerOptions {
  level: LevelWithSilent;
  redactor: SecretRedactor;
  /** Extra sink (the daily log file); stdout is always written unless `stdout` is false. */
  file?: RotatingFileSink;
  stdout?: boolean;
  /** Test hook: receives every redacted line. */
  capture?: (line: string) => void;
}

export function createLogger(opts: LoggerOptions): Logger {
  const toStdout = opts.stdout ?? true;
  const destination = {
    write(line: string): void {
      const safe = opts.redactor.redact(line);
      if (toStdout) process.stdout.write(safe);
      opts.file?.write(safe);
      opts.capture?.(safe);
    },
  };
  return pino(
    {
      level: opts.level,
      base: undefined,
      messageKey: "msg",
      timestamp: () => `,"ts":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
