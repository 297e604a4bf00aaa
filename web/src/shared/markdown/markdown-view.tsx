/**
 * Renders the {@link parseMarkdown} tree as React elements. Every string is a
 * text child (React escapes it), links get `rel="noopener noreferrer"` and a
 * new tab, and there is no `dangerouslySetInnerHTML` anywhere.
 */
import type { ReactNode } from "react";
import { parseMarkdown, type Block, type Inline } from "./parse.js";

function inlines(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case "text":
        return n.text;
      case "code":
        return <code key={i}>{n.text}</code>;
      case "em":
        return <em key={i}>{inlines(n.children)}</em>;
      case "strong":
        return <strong key={i}>{inlines(n.children)}</strong>;
      case "link":
        return (
          <a key={i} href={n.href} target="_blank" rel="noopener noreferrer">
            {inlines(n.children)}
          </a>
        );
    }
  });
}

function block(b: Block, i: number): ReactNode {
  switch (b.kind) {
    case "heading": {
      const Tag = `h${Math.min(6, b.level + 2)}` as "h3" | "h4" | "h5" | "h6";
      return <Tag key={i}>{inlines(b.children)}</Tag>;
    }
    case "paragraph":
      return <p key={i}>{inlines(b.children)}</p>;
    case "list": {
      const items = b.items.map((it, j) => <li key={j}>{inlines(it)}</li>);
      return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
    }
    case "code":
      return (
        <pre key={i}>
          <code>{b.text}</code>
        </pre>
      );
  }
}

/** Sanitised Markdown; an empty source renders a muted placeholder. */
export function MarkdownView({ source, empty }: { source: string; empty?: string }) {
  const blocks = parseMarkdown(source);
  if (blocks.length === 0) return <p className="muted">{empty ?? "No description."}</p>;
  return <div className="markdown">{blocks.map(block)}</div>;
}
