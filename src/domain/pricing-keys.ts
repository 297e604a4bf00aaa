/**
 * Lookup keys for model prices (SPEC §9.5): the same model reaches us as
 * `openai/gpt-4o-mini-2024-07-18` from one provider and `gpt-4o-mini` from
 * another, so price tables are keyed on a normalised id and matched by exact
 * key, then by the longest key that is a prefix.
 */

/** Lower-cased, `vendor/` prefix removed, trailing `-YYYYMMDD` / `-YYYY-MM-DD` removed. */
export function priceLookupKey(model: string): string {
  let key = model.trim().toLowerCase();
  const slash = key.lastIndexOf("/");
  if (slash >= 0) key = key.slice(slash + 1);
  return key.replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2})$/, "");
}

/**
 * The table key that prices `model`: exact match on the normalised id, else the
 * longest table key (normalised) that is a prefix of it. Null when none.
 */
export function matchPriceKey(model: string, tableKeys: Iterable<string>): string | null {
  const key = priceLookupKey(model);
  let best: { original: string; length: number } | null = null;
  for (const original of tableKeys) {
    const k = priceLookupKey(original);
    if (k === key) return original;
    if (key.startsWith(k) && (!best || k.length > best.length))
      best = { original, length: k.length };
  }
  return best?.original ?? null;
}
