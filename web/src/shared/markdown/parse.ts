/**
 * A deliberately small Markdown reader for issue descriptions and comments
 * (§17.5: untrusted text, rendered through a sanitiser). It never produces
 * HTML: the result is a tree of plain values that the view turns into React
 * elements, so raw HTML in the source stays visible text. Supported:
 * paragraphs, ATX headings, bullet and numbered lists, fenced code, inline
 * code, emphasis, strong, and links whose target is http(s) only.
 */

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "em"; children: Inline[] }
  | { kind: "strong"; children: Inline[] }
  | { kind: "link"; href: string; children: Inline[] };

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { kind: "paragraph"; children: Inline[] }
  | { kind: "list"; ordered: boolean; items: Inline[][] }
  | { kind: "code"; lang: string | null; text: string };

const FENCE = /^\s{0,3}(```|~~~)\s*([\w+-]*)\s*$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;

/** The href when it is an absolute http(s) URL, else null (javascript:, data:, relative…). */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length > 0) blocks.push({ kind: "paragraph", children: parseInline(para.join("\n")) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? "").trim().startsWith(fence[1] ?? "```"); i++) {
        body.push(lines[i] ?? "");
      }
      blocks.push({
        kind: "code",
        lang: fence[2] === "" ? null : (fence[2] ?? null),
        text: body.join("\n"),
      });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = Math.min(6, heading[1]?.length ?? 1) as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ kind: "heading", level, children: parseInline(heading[2] ?? "") });
      continue;
    }
    const item = BULLET.exec(line) ?? NUMBERED.exec(line);
    if (item) {
      flush();
      const ordered = NUMBERED.test(line);
      const items: Inline[][] = [];
      for (; i < lines.length; i++) {
        const m = (ordered ? NUMBERED : BULLET).exec(lines[i] ?? "");
        if (!m) break;
        items.push(parseInline(m[1] ?? ""));
      }
      i--;
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    if (line.trim() === "") flush();
    else para.push(line.trim());
  }
  flush();
  return blocks;
}

const INLINE =
  /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([\s\S]+?)\*\*|__([\s\S]+?)__|\*([^*\s][\s\S]*?)\*|_([^_\s][\s\S]*?)_(?!\w)|\[([^\]]*)\]\(([^)\s]+)\)/;

/** Inline spans; anything unmatched (including `<tags>`) stays text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  for (;;) {
    const m = INLINE.exec(rest);
    if (!m) break;
    if (m.index > 0) out.push({ kind: "text", text: rest.slice(0, m.index) });
    out.push(inlineOf(m));
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest !== "") out.push({ kind: "text", text: rest });
  return out;
}

function inlineOf(m: RegExpExecArray): Inline {
  if (m[1] !== undefined) return { kind: "code", text: (m[2] ?? "").trim() };
  const strong = m[3] ?? m[4];
  if (strong !== undefined) return { kind: "strong", children: parseInline(strong) };
  const em = m[5] ?? m[6];
  if (em !== undefined) return { kind: "em", children: parseInline(em) };
  const label = parseInline(m[7] ?? "");
  const href = safeHref(m[8] ?? "");
  return href === null ? { kind: "text", text: m[0] } : { kind: "link", href, children: label };
}
