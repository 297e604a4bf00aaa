/**
 * Tool kinds (SPEC §7.7, §10.1): the ACP tool-call kinds, which every backend
 * maps its tools onto so the productivity judge can reason about edits,
 * commands and read-only calls without knowing each backend's tool names.
 */
export const TOOL_KINDS = [
  "read",
  "edit",
  "delete",
  "move",
  "search",
  "execute",
  "think",
  "fetch",
  "switch_mode",
  "other",
] as const;

/** What a tool call does, in ACP's vocabulary. */
export type ToolKind = (typeof TOOL_KINDS)[number];

/** Kinds whose successful calls change files. */
export const FILE_CHANGING_KINDS: ReadonlySet<ToolKind> = new Set(["edit", "delete", "move"]);

/** Kinds that only look (read/list/search/fetch); productive only the first time. */
export const READ_ONLY_KINDS: ReadonlySet<ToolKind> = new Set(["read", "search", "fetch"]);

/** The built-in tool catalogue of §10.2 mapped onto kinds. */
const BUILTIN_KINDS: Readonly<Record<string, ToolKind>> = {
  read_file: "read",
  list_files: "read",
  search_files: "search",
  write_file: "edit",
  edit_file: "edit",
  run_command: "execute",
  ask_question: "other",
  attach_image: "other",
  finish: "other",
};

/** Kind of a built-in tool by name; anything unknown is `other`. */
export function toolKindOf(name: string): ToolKind {
  return BUILTIN_KINDS[name] ?? "other";
}

export function isToolKind(value: string): value is ToolKind {
  return (TOOL_KINDS as readonly string[]).includes(value);
}
