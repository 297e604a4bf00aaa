/**
 * The Focus model (SPEC §8.1): a role whose instructions are injected into the
 * prompt. Built-ins ship with the code (builtin-foci.ts); `.oompah/foci.json`
 * holds user foci that override a built-in of the same name. This module holds
 * the schema, the merge rule, the rendered prompt block and the pure helpers of
 * the focus handoff protocol (§8.4).
 */
import { z } from "zod";
import type { CanonicalStatus } from "./status.js";

/** Blank strings in optional fields are read as null (original foci.json files contain `""`). */
const optionalString = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z.string().trim().nullable().default(null),
);

const stringList = z.array(z.string()).default([]);

export const FOCUS_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

export const FocusStatusSchema = z.enum(["active", "inactive", "proposed"]);
/** Only `active` foci are ever selected. */
export type FocusStatus = z.infer<typeof FocusStatusSchema>;

export const FocusSchema = z.object({
  name: z.string().regex(FOCUS_NAME_PATTERN, "must match [a-z][a-z0-9_]*"),
  role: z.string().min(1),
  description: z.preprocess((v) => v ?? "", z.string()).default(""),
  must_do: stringList,
  must_not_do: stringList,
  keywords: stringList,
  issue_types: stringList,
  labels: z.array(z.string().transform((s) => s.trim().toLowerCase())).default([]),
  priority: z.number().int().default(0),
  status: FocusStatusSchema.default("active"),
  model_role: optionalString,
  model: optionalString,
  provider_id: optionalString,
  allow_image_output: z.boolean().default(false),
});

/** A focus after validation: every field present (SPEC §8.1 defaults applied). */
export type Focus = z.infer<typeof FocusSchema>;
/** What an operator may write: only `name` and `role` are required. */
export type FocusDraft = z.input<typeof FocusSchema>;

/** The name of the fallback focus that is used when nothing scores above zero. */
export const GENERAL_FOCUS_NAME = "general";

/**
 * The narrow view of an issue that routing needs. `state` is the run's
 * dispatch state (the status the issue had when it was picked), not the
 * In Progress it is moved to at claim.
 */
export interface FocusInput {
  title: string;
  description: string;
  /** Issue type (`bug` | `feature` | `task` | `epic` | `chore`). */
  type: string;
  labels: readonly string[];
  state: CanonicalStatus | null;
}

/**
 * Built-ins overlaid with user foci: a user focus with a built-in's name
 * replaces it in place (so deleting the override restores the built-in);
 * other user foci follow in their document order. `general` is always active.
 */
export function mergeFoci(builtins: readonly Focus[], userFoci: readonly Focus[]): Focus[] {
  const byName = new Map(userFoci.map((f) => [f.name, f]));
  const merged = builtins.map((b) => byName.get(b.name) ?? b);
  const builtinNames = new Set(builtins.map((b) => b.name));
  for (const f of userFoci) if (!builtinNames.has(f.name)) merged.push(f);
  return merged.map((f) =>
    f.name === GENERAL_FOCUS_NAME && f.status !== "active" ? { ...f, status: "active" } : f,
  );
}

/** Where a merged focus comes from, for the `/foci` listing. */
export function focusOrigin(
  name: string,
  builtins: readonly Focus[],
  userFoci: readonly Focus[],
): "builtin" | "override" | "user" {
  const isBuiltin = builtins.some((b) => b.name === name);
  const isUser = userFoci.some((f) => f.name === name);
  if (isBuiltin) return isUser ? "override" : "builtin";
  return "user";
}

function bullets(items: readonly string[]): string {
  return items.map((i) => `- ${i}`).join("\n");
}

/** The pre-rendered Markdown instructions for the prompt (`focus.block`, SPEC §3.6). */
export function focusBlock(focus: Focus): string {
  const parts = [`## Your role: ${focus.role}`];
  if (focus.description.trim()) parts.push(focus.description.trim());
  if (focus.must_do.length) parts.push(`### You must\n${bullets(focus.must_do)}`);
  if (focus.must_not_do.length) parts.push(`### You must not\n${bullets(focus.must_not_do)}`);
  parts.push(
    [
      "### Focus handoff",
      "If your part is done but the issue needs a different specialist, do not switch roles in this session.",
      `Post a comment whose first line is \`${handoffHeader(focus.name)}\` and that states the outcome, the files touched, ` +
        "the remaining work and the recommended next focus; add the label " +
        `\`${focusCompleteLabel(focus.name)}\` (and \`needs:<next focus>\` to request one), set the status to Open and end the session.`,
    ].join("\n"),
  );
  return parts.join("\n\n") + "\n";
}

/** The prompt-template view of a focus (`focus` variable, SPEC §3.6). */
export interface FocusTemplateVars {
  name: string;
  role: string;
  description: string;
  must_do: string[];
  must_not_do: string[];
  /** Pre-rendered Markdown instructions; prepended when the template never references `focus`. */
  block: string;
}

export function focusTemplateVars(focus: Focus): FocusTemplateVars {
  return {
    name: focus.name,
    role: focus.role,
    description: focus.description,
    must_do: [...focus.must_do],
    must_not_do: [...focus.must_not_do],
    block: focusBlock(focus),
  };
}

// ---- Focus handoff (SPEC §8.4) ----

export function focusCompleteLabel(name: string): string {
  return `focus-complete:${name}`;
}

export function needsFocusLabel(name: string): string {
  return `needs:${name}`;
}

export function handoffHeader(current: string): string {
  return `Focus handoff: ${current}`;
}

/** The focus a handoff comment hands off from, or null when the text is not a handoff. */
export function parseHandoffComment(text: string): string | null {
  const first = text.trimStart().split(/\r?\n/, 1)[0] ?? "";
  const m = /^Focus handoff:\s*([a-z][a-z0-9_]*)\s*$/i.exec(first.trim());
  return m?.[1]?.toLowerCase() ?? null;
}

/** What a handoff reports; rendered into the comment body. */
export interface HandoffReport {
  current: string;
  outcome: string;
  filesTouched: readonly string[];
  remainingWork: string;
  next?: string | null;
}

/** Comment text, labels to add and the status to set for a handoff. */
export function handoffPlan(report: HandoffReport): {
  comment: string;
  addLabels: string[];
  status: "Open";
} {
  const next = report.next?.trim() || null;
  const files = report.filesTouched.length ? bullets(report.filesTouched) : "- (none)";
  const comment = [
    handoffHeader(report.current),
    "",
    `**Outcome:** ${report.outcome.trim() || "(not stated)"}`,
    "",
    "**Files touched:**",
    files,
    "",
    `**Remaining work:** ${report.remainingWork.trim() || "(not stated)"}`,
    "",
    `**Recommended next focus:** ${next ?? "(any)"}`,
  ].join("\n");
  const addLabels = [focusCompleteLabel(report.current)];
  if (next) addLabels.push(needsFocusLabel(next));
  return { comment, addLabels, status: "Open" };
}
