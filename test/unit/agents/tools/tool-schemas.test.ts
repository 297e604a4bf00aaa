import { describe, expect, it } from "vitest";
import { buildToolSet } from "../../../../src/agents/api/tools/index.js";
import { toolKindOf } from "../../../../src/domain/tool-kind.js";

const tools = buildToolSet({
  env: {},
  commandTimeoutMs: 720_000,
  attachImage: () => Promise.resolve({ name: "x.png" }),
});

describe("tool catalogue", () => {
  it("offers the §10.2 tools (finish/ask_question belong to the loop) in catalogue order", () => {
    expect(tools.map((t) => t.name)).toEqual([
      "read_file",
      "write_file",
      "edit_file",
      "list_files",
      "search_files",
      "run_command",
      "attach_image",
    ]);
  });

  it("offers attach_image only when an attachment port is given", () => {
    const names = buildToolSet({ env: {}, commandTimeoutMs: 1000 }).map((t) => t.name);
    expect(names).not.toContain("attach_image");
  });

  it("gives every tool the kind the productivity judge expects", () => {
    for (const t of tools) expect(t.kind).toBe(toolKindOf(t.name));
  });

  it("describes every parameter and every tool for the model", () => {
    for (const t of tools) {
      expect(t.description.length).toBeGreaterThan(40);
      const props = t.parameters.properties as Record<string, { description?: string }>;
      for (const [name, schema] of Object.entries(props)) {
        expect(schema.description, `${t.name}.${name}`).toBeTruthy();
      }
    }
  });

  it("shows the model these JSON Schemas (a change is a reviewed snapshot diff)", () => {
    for (const t of tools) {
      expect(t.parameters).toMatchSnapshot(t.name);
    }
  });
});
