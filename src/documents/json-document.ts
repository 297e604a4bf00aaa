/**
 * One operator-editable JSON document of the state directory (SPEC §1.5):
 * validated with zod on every load, written atomically (temp file + fsync +
 * rename, mode 0600) and re-read on demand when the watcher sees an external
 * edit. A hand edit that does not validate is reported with the file and the
 * field path; the last good value stays in use and the file is never
 * overwritten by the load — the operator's text is theirs to fix.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { z } from "zod";
import { OompahError } from "../domain/errors.js";

export interface JsonDocumentOptions<T> {
  path: string;
  /** Validates (and may upgrade) what is on disk. */
  schema: z.ZodType<T>;
  /** The value when the file does not exist. */
  empty: () => T;
  /** What to write for a value (defaults to the value itself). */
  serialize?: (value: T) => unknown;
}

/** The result of a (re)load. `error` is set when the file was invalid and the last good value was kept. */
export interface LoadResult<T> {
  value: T;
  changed: boolean;
  error: OompahError | null;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    "",
  );
}

/** The `document_invalid` error for a file, naming its first bad field. */
export function documentError(
  file: string,
  issues: readonly z.core.$ZodIssue[] | null,
  parseMessage?: string,
): OompahError {
  if (!issues) {
    return new OompahError(
      "document_invalid",
      `${file}: not valid JSON (${parseMessage ?? "parse error"})`,
      {
        hint: "fix the file; the last valid content stays in use until then",
        details: { file, field: null },
      },
    );
  }
  const first = issues[0];
  const field = first ? fieldPath(first.path) : "";
  return new OompahError(
    "document_invalid",
    `${file}: ${field || "(root)"}: ${first?.message ?? "invalid"}`,
    {
      hint: "fix the file; the last valid content stays in use until then",
      details: {
        file,
        field: field || null,
        issues: issues.map((i) => ({ field: fieldPath(i.path) || null, message: i.message })),
      },
    },
  );
}

/** Writes `data` to `path` atomically with mode 0600 (temp + fsync + rename + dir fsync). */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fh = await open(tmp, "w", 0o600);
  try {
    await fh.writeFile(data, "utf8");
    await fh.chmod(0o600);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  const dh = await open(dir, "r");
  try {
    await dh.sync().catch(() => undefined);
  } finally {
    await dh.close();
  }
}

export class JsonDocument<T> {
  private current: T;
  private lastText: string | null = null;
  private error: OompahError | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly opts: JsonDocumentOptions<T>) {
    this.current = opts.empty();
  }

  get path(): string {
    return this.opts.path;
  }

  /** The value in use: the last one that validated (or `empty()` before any did). */
  get value(): T {
    return this.current;
  }

  /** The error of the latest load, or null when the file on disk is valid. */
  get lastError(): OompahError | null {
    return this.error;
  }

  /** Reads and validates the file; an invalid file keeps the last good value. */
  async load(): Promise<LoadResult<T>> {
    let text: string;
    try {
      text = await readFile(this.opts.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      const changed = this.lastText !== null;
      if (changed || this.error) this.current = this.opts.empty();
      this.lastText = null;
      this.error = null;
      if (changed) this.changed();
      return { value: this.current, changed, error: null };
    }
    if (text === this.lastText && !this.error)
      return { value: this.current, changed: false, error: null };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      this.error = documentError(this.opts.path, null, (e as Error).message);
      return { value: this.current, changed: false, error: this.error };
    }
    const parsed = this.opts.schema.safeParse(raw);
    if (!parsed.success) {
      this.error = documentError(this.opts.path, parsed.error.issues);
      return { value: this.current, changed: false, error: this.error };
    }
    this.current = parsed.data;
    this.lastText = text;
    this.error = null;
    this.changed();
    return { value: this.current, changed: true, error: null };
  }

  /** Adds a listener told after every change of the value in use (load, reload or save); returns its removal. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Called by the state-directory watcher after an external edit. */
  reload(): Promise<LoadResult<T>> {
    return this.load();
  }

  /** Validates `value` and writes it atomically; it becomes the value in use. Saves are serialised. */
  save(value: T): Promise<void> {
    const run = async (): Promise<void> => {
      const body = this.opts.serialize ? this.opts.serialize(value) : value;
      const text = JSON.stringify(body, null, 2) + "\n";
      const check = this.opts.schema.safeParse(JSON.parse(text));
      if (!check.success) throw documentError(this.opts.path, check.error.issues);
      await writeFileAtomic(this.opts.path, text);
      this.current = check.data;
      this.lastText = text;
      this.error = null;
      this.changed();
    };
    const next = this.writing.then(run, run);
    this.writing = next.catch(() => undefined);
    return next;
  }
}
