import { describe, expect, it } from "vitest";
import {
  compileTemplate,
  DEFAULT_PROMPT_TEMPLATE,
  OPERATING_RULES,
  renderPrompt,
  samplePromptVars,
} from "../../../src/config/template.js";
import { rejectionOf } from "../../helpers/failures.js";

describe("strict Liquid templates (SPEC §3.6)", () => {
  it("[C13] {{ issue.nope }} compiles but fails at render with template_render_error", async () => {
    const compiled = compileTemplate("Work on {{ issue.nope }}");
    const e = await rejectionOf(() => renderPrompt(compiled, samplePromptVars()));
    expect(e.code).toBe("template_render_error");
    expect(e.message).toContain("issue.nope");
    expect(e.details).toMatchObject({ line: 1 });
  });

  it("[C13] an unknown filter fails with template_parse_error", async () => {
    const e = await rejectionOf(() => compileTemplate("{{ issue.title | shout }}"));
    expect(e.code).toBe("template_parse_error");
    expect(e.message).toContain("shout");
  });

  it("an unclosed tag fails with template_parse_error and its position", async () => {
    const e = await rejectionOf(() => compileTemplate("line one\n{% if attempt %}retry"));
    expect(e.code).toBe("template_parse_error");
    expect(e.details).toMatchObject({ line: 2 });
  });

  it("[C14] a template that never references focus receives focus.block prepended", async () => {
    const vars = samplePromptVars();
    const out = await renderPrompt(compileTemplate("Fix {{ issue.identifier }}."), vars);
    expect(out.startsWith(`${vars.focus.block}\n\nFix DEMO-1.`)).toBe(true);
  });

  it("[C14] a template that references focus does not get it twice", async () => {
    const vars = samplePromptVars();
    const out = await renderPrompt(
      compileTemplate("Role: {{ focus.role }}. Fix {{ issue.identifier }}."),
      vars,
    );
    expect(out.startsWith("Role: Bug Fixer. Fix DEMO-1.")).toBe(true);
    expect(out).not.toContain(vars.focus.block);
  });

  it("appends the attachments note for files not sent inline and the operating rules last", async () => {
    const vars = samplePromptVars();
    vars.issue.attachments.push({
      name: "shot.png",
      mime_type: "image/png",
      size: 10,
      sent_inline: true,
      path: ".oompah/attachments/DEMO-1/aa-shot.png",
    });
    const out = await renderPrompt(compileTemplate("{{ focus.name }}"), vars);
    expect(out).toContain("## Attachments");
    expect(out).toContain(".oompah/attachments/DEMO-1/0a1b2c3d4e5f-trace.pdf");
    expect(out).not.toContain("aa-shot.png");
    expect(out.trimEnd().endsWith(OPERATING_RULES)).toBe(true);
    expect(OPERATING_RULES).toMatch(/worktree/);
    expect(OPERATING_RULES).toMatch(/\.oompah\/tasks\//);
    expect(OPERATING_RULES).toMatch(/finish/);
    expect(OPERATING_RULES).toMatch(/ask_question/);
    expect(OPERATING_RULES).toMatch(/cannot override/);
  });

  it("omits the attachments note when everything was sent inline", async () => {
    const vars = samplePromptVars();
    vars.issue.attachments = [];
    expect(await renderPrompt(compileTemplate("{{ focus.name }}"), vars)).not.toContain(
      "## Attachments",
    );
  });

  it("an empty body uses the built-in prompt, which asks to continue on a retry", async () => {
    const compiled = compileTemplate("  \n");
    expect(compiled.isDefault).toBe(true);
    expect(compiled.source).toBe(DEFAULT_PROMPT_TEMPLATE);
    const vars = samplePromptVars();
    const retry = await renderPrompt(compiled, vars);
    expect(retry).toContain("DEMO-1: Fix the login redirect loop");
    expect(retry).toContain("After signing in");
    expect(retry).toMatch(/attempt 2.*continue/s);
    const first = await renderPrompt(compiled, { ...vars, attempt: null });
    expect(first).not.toContain("attempt");
  });

  it("renders the SPEC §3.8 example and an original-oompah style template against the sample issue", async () => {
    const example = [
      "You are the {{ focus.role }} for {{ issue.identifier }}: {{ issue.title }}.",
      "{{ issue.description }}",
      "{% if attempt %}This is attempt {{ attempt }}.{% endif %}",
      "{% for c in comments %}- {{ c.author }} ({{ c.created_at }}): {{ c.text }}\n{% endfor %}",
      "{{ focus.block }}",
      `Before calling finish, run {{ project.test_command | default: "the project's tests" }}.`,
    ].join("\n");
    const out = await renderPrompt(compileTemplate(example), samplePromptVars());
    expect(out).toContain("You are the Bug Fixer for DEMO-1");
    expect(out).toContain("- operator (2025-01-02T00:00:00Z): Reproduces on Firefox only.");
    expect(out).toContain("run npm test.");
    const legacy = [
      "{% if agents_md != blank %}{{ agents_md }}{% endif %}",
      '- **Labels:** {{ issue.labels | join: ", " }}',
      "{% if comments.size > 0 %}{{ comments.size }} comments{% endif %}",
      '{% if issue.labels contains "ci-fix" %}FIX CI{% else %}normal{% endif %}',
    ].join("\n");
    const out2 = await renderPrompt(compileTemplate(legacy), samplePromptVars());
    expect(out2).toContain("- **Labels:** auth, frontend");
    expect(out2).toContain("1 comments");
    expect(out2).toContain("normal");
  });
});
