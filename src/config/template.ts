/**
 * Strict Liquid prompt templates (SPEC §3.6). Compilation happens at load
 * time so a broken template or an unknown filter is a config error
 * (`template_parse_error`); an undefined variable can only show at render time
 * (`template_render_error`), which fails that run, never the service.
 */
import { Liquid, type Template } from "liquidjs";
import { OompahError } from "../domain/errors.js";
import { attachmentsNote, DEFAULT_PROMPT_TEMPLATE, OPERATING_RULES } from "./prompt-text.js";
import type { PromptVars } from "./prompt-vars.js";

export type { PromptVars } from "./prompt-vars.js";
export { samplePromptVars } from "./prompt-vars.js";
export { DEFAULT_PROMPT_TEMPLATE, OPERATING_RULES } from "./prompt-text.js";

const engine = new Liquid({
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  cache: false,
});

/** A parsed template, ready to render many times. */
export interface CompiledTemplate {
  /** The template text actually compiled (the built-in one when the body was empty). */
  readonly source: string;
  /** True when the WORKFLOW.md body was empty and the built-in template is used. */
  readonly isDefault: boolean;
  /** Whether the template mentions `focus` anywhere; if not, `focus.block` is prepended. */
  readonly referencesFocus: boolean;
  readonly templates: readonly Template[];
}

function position(e: unknown): { line?: number; column?: number } {
  const m = /line:(\d+), col:(\d+)/.exec(e instanceof Error ? e.message : "");
  return m ? { line: Number(m[1]), column: Number(m[2]) } : {};
}

function referencesFocus(templates: Template[], source: string): boolean {
  try {
    return engine.globalVariablesSync(templates).includes("focus");
  } catch {
    return /\bfocus\b/.test(source);
  }
}

/** Parses a template; an empty body selects the built-in default prompt. */
export function compileTemplate(body: string): CompiledTemplate {
  const isDefault = body.trim() === "";
  const source = isDefault ? DEFAULT_PROMPT_TEMPLATE : body;
  let templates: Template[];
  try {
    templates = engine.parse(source);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new OompahError("template_parse_error", `prompt template: ${msg}`, {
      hint: "check Liquid syntax; only standard Liquid filters are available",
      details: position(e),
      cause: e,
    });
  }
  return { source, isDefault, referencesFocus: referencesFocus(templates, source), templates };
}

/** Renders only the template body (no focus block, attachments note or rules). */
export async function renderTemplate(
  compiled: CompiledTemplate,
  vars: PromptVars,
): Promise<string> {
  try {
    const out: unknown = await engine.render(compiled.templates as Template[], vars);
    return String(out);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new OompahError("template_render_error", `prompt template: ${msg}`, {
      hint: "the template references a variable or property that does not exist (see SPEC §3.6 for the variables)",
      details: position(e),
      cause: e,
    });
  }
}

/**
 * The full prompt for a run: `focus.block` first when the template never
 * references `focus`, then the rendered template, the Attachments note for
 * files not sent inline, and the fixed Operating rules.
 */
export async function renderPrompt(compiled: CompiledTemplate, vars: PromptVars): Promise<string> {
  const body = (await renderTemplate(compiled, vars)).trim();
  const parts: string[] = [];
  if (!compiled.referencesFocus && vars.focus.block.trim() !== "")
    parts.push(vars.focus.block.trim());
  parts.push(body);
  const note = attachmentsNote(vars.issue.attachments.filter((a) => !a.sent_inline));
  if (note !== null) parts.push(note);
  parts.push(OPERATING_RULES);
  return `${parts.join("\n\n")}\n`;
}
