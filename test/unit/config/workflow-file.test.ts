import { describe, expect, it } from "vitest";
import { splitWorkflow } from "../../../src/config/workflow-file.js";
import { thrownBy } from "../../helpers/failures.js";

describe("WORKFLOW.md front matter (SPEC §3.1)", () => {
  it("[C1] a file without front matter has config {} and the whole file as template", () => {
    const text = "Fix {{ issue.identifier }}.\n\n---\nnot front matter\n";
    expect(splitWorkflow(text, "W.md")).toEqual({ config: {}, template: text.trim() });
  });

  it("splits front matter from the trimmed template, with CRLF line ends", () => {
    const parts = splitWorkflow(
      "---\r\ntracker:\r\n  kind: beads\r\n---\r\n\r\nHello {{ issue.title }}\r\n\r\n",
      "W.md",
    );
    expect(parts.config).toEqual({ tracker: { kind: "beads" } });
    expect(parts.template).toBe("Hello {{ issue.title }}");
  });

  it("treats empty front matter as {} and an empty body as an empty template", () => {
    expect(splitWorkflow("---\n---\n", "W.md")).toEqual({ config: {}, template: "" });
    expect(splitWorkflow("---\n# only comments\n---\n", "W.md")).toEqual({
      config: {},
      template: "",
    });
  });

  it("[C2] front matter that parses to a list fails with workflow_front_matter_not_a_map", () => {
    const e = thrownBy(() => splitWorkflow("---\n- a\n- b\n---\nbody", "W.md"));
    expect(e.code).toBe("workflow_front_matter_not_a_map");
    expect(e.details).toMatchObject({ file: "W.md", got: "a list" });
  });

  it("[C2] invalid YAML fails with workflow_parse_error carrying the file line number", () => {
    const text = "---\ntracker:\n  kind: beads\n  active_states: [Open\npolling: {\n---\nbody";
    const e = thrownBy(() => splitWorkflow(text, "/srv/WORKFLOW.md"));
    expect(e.code).toBe("workflow_parse_error");
    expect(e.details?.file).toBe("/srv/WORKFLOW.md");
    expect(e.details?.line).toBeGreaterThanOrEqual(4);
    expect(e.details?.line).toBeLessThanOrEqual(6);
    expect(typeof e.details?.column).toBe("number");
    expect(e.message).toContain(`/srv/WORKFLOW.md:${String(e.details?.line)}`);
  });

  it("[C2] reports the file line and column (front matter offset by the opening ---)", () => {
    const e = thrownBy(() => splitWorkflow("---\na: 1\nb: c: d\n---\n", "W.md"));
    expect(e.code).toBe("workflow_parse_error");
    expect(e.details).toEqual({ file: "W.md", line: 3, column: 4 });
    expect(e.message).toMatch(/^W\.md:3:4: /);
    expect(e.message).not.toMatch(/at line 2/);
  });

  it("fails with workflow_parse_error when the front matter is never closed", () => {
    expect(thrownBy(() => splitWorkflow("---\na: 1\n", "W.md")).code).toBe("workflow_parse_error");
  });

  it("rejects duplicate keys", () => {
    expect(thrownBy(() => splitWorkflow("---\na: 1\na: 2\n---\n", "W.md")).code).toBe(
      "workflow_parse_error",
    );
  });
});
