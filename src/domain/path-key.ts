/**
 * The directory-name rule of SPEC §11.1: `key(s)` keeps `[A-Za-z0-9._-]`,
 * replaces everything else with `_`, and when that changed anything (or the
 * result is `.`, `..` or empty) appends `-` + 16 hex chars of sha256(s), so
 * distinct inputs never share a directory. Project key = key(project.name);
 * issue key = key(issue.identifier).
 */
import { createHash } from "node:crypto";

/** The filesystem-safe, collision-free key for `s`. */
export function pathKey(s: string): string {
  const safe = s.replace(/[^A-Za-z0-9._-]/g, "_");
  if (safe === s && s !== "" && s !== "." && s !== "..") return s;
  const digest = createHash("sha256").update(s, "utf8").digest("hex").slice(0, 16);
  return `${safe}-${digest}`;
}
