import { describe, expect, it } from "vitest";
import { CONTROL_TOOLS, decideControl } from "../../../../src/agents/api/control-tools.js";
import { isPermissionSeeking } from "../../../../src/domain/permission-seeking.js";

describe("control tools (SPEC §10.2)", () => {
  it("[C116] refuses permission-seeking questions", () => {
    for (const q of [
      "Should I proceed with the change?",
      "Shall I continue?",
      "Do you want me to refactor the parser too?",
      "Is it OK if I delete the old file?",
      "Let me know if this approach works.",
      "Would you like me to add tests?",
      "Is it okay to proceed?",
    ]) {
      expect(isPermissionSeeking(q), q).toBe(true);
      expect(decideControl("ask_question", { question: q })).toMatchObject({ kind: "rejected" });
    }
  });

  it("lets real questions through", () => {
    for (const q of [
      "Which database should the migration target, Postgres or SQLite?",
      "The issue mentions a `legacy` flag that does not exist; what should it control?",
    ]) {
      expect(isPermissionSeeking(q), q).toBe(false);
      expect(decideControl("ask_question", { question: q })).toEqual({
        kind: "question",
        question: q,
      });
    }
  });

  it("finish needs a summary; no_changes_needed defaults to false", () => {
    expect(decideControl("finish", { summary: "did it" })).toEqual({
      kind: "finish",
      summary: "did it",
      no_changes_needed: false,
    });
    expect(decideControl("finish", {})).toMatchObject({ kind: "rejected" });
    expect(decideControl("read_file", {})).toBeNull();
  });

  it("shows the model these JSON Schemas", () => {
    expect(CONTROL_TOOLS.map((t) => ({ name: t.name, kind: t.kind, parameters: t.parameters })))
      .toMatchInlineSnapshot(`
      [
        {
          "kind": "other",
          "name": "finish",
          "parameters": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "additionalProperties": false,
            "properties": {
              "no_changes_needed": {
                "description": "True when the task needs no code change (nothing to commit)",
                "type": "boolean",
              },
              "summary": {
                "description": "What was done, for the issue comment and the reviewer",
                "minLength": 1,
                "type": "string",
              },
            },
            "required": [
              "summary",
            ],
            "type": "object",
          },
        },
        {
          "kind": "other",
          "name": "ask_question",
          "parameters": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "additionalProperties": false,
            "properties": {
              "question": {
                "description": "A question only a human can answer",
                "minLength": 1,
                "type": "string",
              },
            },
            "required": [
              "question",
            ],
            "type": "object",
          },
        },
      ]
    `);
  });
});
