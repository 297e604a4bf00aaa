/** Formats every page uses for what the server sends as text. */

/** A timestamp in the browser's time zone, e.g. `Jan 1, 2030, 2:05 PM`; unparsable text as is. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
