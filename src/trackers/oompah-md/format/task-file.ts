/**
 * A whole task file: `---` YAML front matter `---` then the Markdown body.
 * {@link TaskDocument} keeps everything needed to write the file back
 * byte-identically when nothing changed. Parsing never throws: an empty file,
 * invalid YAML or a missing `id` yields a corrupt result the adapter turns into
 * a stub (SPEC §5.2 "Tolerance").
 */
import type { Warning } from "../../../domain/errors.js";
import { cachedCanonicalStatus } from "./accessors.js";
import { parseBody, serializeBody } from "./body.js";
import type { TaskBody } from "./body.js";
import { fmGet, parseFrontMatter, serializeFrontMatter } from "./front-matter.js";
import type { FrontMatter } from "./front-matter.js";

/** A parsed task file. Treat as immutable: the mutation helpers return new documents. */
export interface TaskDocument {
  /** Everything up to and including the opening `---` line (a BOM included). */
  open: string;
  frontMatter: FrontMatter;
  /** The closing delimiter line with its line ending, as read. */
  close: string;
  body: TaskBody;
}

export type ParsedTaskFile =
  | { kind: "task"; doc: TaskDocument; warnings: Warning[] }
  | { kind: "corrupt"; stem: string; reason: string };

/** Where the file was found: its name without `.md`, and its status directory name. */
export interface TaskFileContext {
  stem: string;
  dirSlug: string;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*\r?$/;

export function parseTaskFile(text: string, ctx: TaskFileContext): ParsedTaskFile {
  const corrupt = (reason: string): ParsedTaskFile => ({ kind: "corrupt", stem: ctx.stem, reason });
  if (text.trim() === "") return corrupt("empty file");
  const open = OPEN.exec(text)?.[0];
  if (open === undefined) return corrupt("no YAML front matter");
  let pos = open.length;
  let closeAt = -1;
  let closeLine = "";
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    const c = text.charCodeAt(pos);
    // Only lines starting with `-` or `.` can close; skip the rest without slicing.
    if ((c === 45 || c === 46) && CLOSE.test(text.slice(pos, nl < 0 ? lineEnd : nl))) {
      closeAt = pos;
      closeLine = text.slice(pos, lineEnd);
      break;
    }
    pos = lineEnd;
  }
  if (closeAt < 0) return corrupt("unterminated front matter");
  const parsed = parseFrontMatter(text.slice(open.length, closeAt));
  if (!parsed.ok) return corrupt(parsed.reason);
  const id = fmGet(parsed.fm, "id");
  if (!((typeof id === "string" && id.trim() !== "") || typeof id === "number")) {
    return corrupt("front matter has no id");
  }
  const doc: TaskDocument = {
    open,
    frontMatter: parsed.fm,
    close: closeLine,
    body: parseBody(text.slice(closeAt + closeLine.length)),
  };
  return { kind: "task", doc, warnings: statusWarnings(doc, ctx) };
}

function statusWarnings(doc: TaskDocument, ctx: TaskFileContext): Warning[] {
  const raw = fmGet(doc.frontMatter, "status");
  if (typeof raw !== "string") return [];
  const path = `${ctx.dirSlug}/${ctx.stem}.md`;
  const status = cachedCanonicalStatus(raw);
  if (status === null) {
    return [{ code: "unknown_status", message: `unknown status "${raw}" read as Backlog`, path }];
  }
  const dirStatus = cachedCanonicalStatus(ctx.dirSlug);
  if (dirStatus !== null && dirStatus !== status) {
    return [
      {
        code: "status_dir_mismatch",
        message: `status "${raw}" disagrees with directory "${ctx.dirSlug}"; the front matter wins`,
        path,
      },
    ];
  }
  return [];
}

/** The file text; byte-identical to the input for a document that was not changed. */
export function serializeTaskFile(doc: TaskDocument): string {
  const body = serializeBody(doc.body);
  const close = body !== "" && !doc.close.endsWith("\n") ? `${doc.close}\n` : doc.close;
  return doc.open + serializeFrontMatter(doc.frontMatter) + close + body;
}
