/**
 * Key paths as operators read them: `agent.profiles[1].model`. Used in every
 * warning and error so a message points at the exact line to fix.
 */
export type KeySegments = ReadonlyArray<string | number>;

export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out === "" ? String(s) : `.${String(s)}`;
  }
  return out;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads the value at `segments`, or undefined when any step is missing. */
export function getAt(root: unknown, segments: KeySegments): unknown {
  let cur: unknown = root;
  for (const s of segments) {
    if (typeof s === "number") {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[s];
    } else {
      if (!isPlainObject(cur)) return undefined;
      cur = cur[s];
    }
  }
  return cur;
}

/** Writes `value` at `segments`, creating intermediate maps (string keys only). */
export function setAt(
  root: Record<string, unknown>,
  segments: readonly string[],
  value: unknown,
): void {
  let cur = root;
  segments.forEach((s, i) => {
    if (i === segments.length - 1) {
      cur[s] = value;
      return;
    }
    const next = cur[s];
    if (isPlainObject(next)) cur = next;
    else {
      const created: Record<string, unknown> = {};
      cur[s] = created;
      cur = created;
    }
  });
}

/** A short, secret-free description of a value for `details.got`. */
export function describeValue(v: unknown, secret = false): unknown {
  if (secret) return v === undefined || v === null ? v : `<${typeof v}, redacted>`;
  if (v === undefined || v === null || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  return Array.isArray(v) ? "a list" : "a map";
}
