/**
 * `.env` files (SPEC §3.1): `KEY=VALUE` lines, optional `export ` prefix,
 * `#` comments, single quotes (literal) and double quotes (`\n`, `\"`, `\\`
 * escapes, may span lines). Variables already present in the real
 * environment win, so a deployment can always override a checked-in file.
 */
import { readFile } from "node:fs/promises";
import { OompahError, type Warning } from "../domain/errors.js";

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

function unescapeDouble(s: string): string {
  return s.replace(/\\([nrt"\\$])/g, (_m, c: string) => ({ n: "\n", r: "\r", t: "\t" })[c] ?? c);
}

/** Parses `.env` text; malformed lines are skipped with a warning naming the line. */
export function parseDotenv(
  text: string,
  file = ".env",
): { values: Record<string, string>; warnings: Warning[] } {
  const values: Record<string, string> = {};
  const warnings: Warning[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const m = LINE.exec(line);
    if (!m) {
      warnings.push({
        code: "dotenv_line_ignored",
        message: `${file}:${i + 1}: not KEY=VALUE; line ignored`,
        path: file,
      });
      continue;
    }
    const key = m[1] ?? "";
    let rest = m[2] ?? "";
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      let body = rest.slice(1);
      const start = i;
      // A double-quoted value may continue on following lines until its closing quote.
      while (quote === '"' && closingDoubleQuote(body) < 0 && i + 1 < lines.length) {
        i++;
        body += `\n${lines[i] ?? ""}`;
      }
      const end = quote === '"' ? closingDoubleQuote(body) : body.indexOf("'");
      if (end < 0) {
        warnings.push({
          code: "dotenv_line_ignored",
          message: `${file}:${start + 1}: unterminated quote; line ignored`,
          path: file,
        });
        continue;
      }
      const inner = body.slice(0, end);
      values[key] = quote === '"' ? unescapeDouble(inner) : inner;
      continue;
    }
    const hash = rest.search(/\s#/);
    if (hash >= 0) rest = rest.slice(0, hash);
    values[key] = rest.trim();
  }
  return { values, warnings };
}

function closingDoubleQuote(body: string): number {
  for (let j = 0; j < body.length; j++) {
    if (body[j] === "\\") j++;
    else if (body[j] === '"') return j;
  }
  return -1;
}

/** Reads and parses a `.env` file; a missing file yields null, other read errors throw. */
export async function readDotenv(
  file: string,
): Promise<{ values: Record<string, string>; warnings: Warning[] } | null> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new OompahError("env_file_unreadable", `cannot read ${file}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  return parseDotenv(text, file);
}

/** `.env` values under the real environment: a variable present in `env` (even empty) wins. */
export function mergeEnv(
  dotenv: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = { ...dotenv };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
