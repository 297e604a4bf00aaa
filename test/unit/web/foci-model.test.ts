import { describe, expect, it } from "vitest";
import { BUILTIN_FOCI } from "../../../src/domain/builtin-foci.js";
import { FocusSchema, type Focus } from "../../../src/domain/focus.js";
import { selectFocus } from "../../../src/domain/focus-scoring.js";
import { FocusPatchSchema, PreviewBodySchema } from "../../../src/server/routes/foci.js";
import {
  createBody,
  deleteAction,
  EMPTY_FOCUS_FORM,
  filterFoci,
  focusToForm,
  issueTypeOptions,
  patchBody,
} from "../../../web/src/features/foci/model/focus-form.js";
import { previewBody, scoreRows } from "../../../web/src/features/foci/model/preview.js";
import { splitSuggestions } from "../../../web/src/features/foci/model/suggestions.js";
import type { FocusView, Preview, Suggestion } from "../../../web/src/features/foci/model/wire.js";

function view(over: Partial<Focus> & { name: string }, origin: FocusView["origin"] = "user") {
  return { ...FocusSchema.parse({ role: "Role", ...over }), origin } satisfies FocusView;
}

const docs = view(
  {
    name: "docs",
    role: "Technical Writer",
    keywords: ["docs", "readme"],
    labels: ["docs"],
    must_do: ["Keep examples runnable"],
    priority: 5,
  },
  "builtin",
);

describe("focus form ↔ request bodies", () => {
  it("sends only the fields the operator changed, validated by the server's patch schema", () => {
    const initial = focusToForm(docs);
    const edited = {
      ...initial,
      role: "Docs Writer",
      must_do: "Keep examples runnable\n\n  Link every new page  \n",
      keywords: "docs, readme, guide",
    };
    const r = patchBody(initial, edited);
    expect(r).toEqual({
      ok: true,
      body: {
        role: "Docs Writer",
        must_do: ["Keep examples runnable", "Link every new page"],
        keywords: ["docs", "readme", "guide"],
      },
    });
    if (r.ok) expect(FocusPatchSchema.parse(r.body)).toEqual(r.body);
  });

  it("ignores whitespace-only edits and never sends the status it did not change", () => {
    const initial = focusToForm(docs);
    const r = patchBody(initial, {
      ...initial,
      keywords: " docs ,readme, ",
      must_do: "Keep examples runnable\n",
    });
    expect(r).toEqual({ ok: true, body: {} });
    // The status toggled elsewhere meanwhile: the form's (unchanged) status is not sent back.
    expect(patchBody(initial, { ...initial, priority: "7" })).toEqual({
      ok: true,
      body: { priority: 7 },
    });
  });

  it("turns blank pins into null and lower-cases labels", () => {
    const pinned = view({ name: "ui", model: "m-large", provider_id: "prov-1" });
    const initial = focusToForm(pinned);
    const r = patchBody(initial, {
      ...initial,
      model: "  ",
      provider_id: "",
      labels: "UI, Frontend",
    });
    expect(r).toEqual({
      ok: true,
      body: { model: null, provider_id: null, labels: ["ui", "frontend"] },
    });
  });

  it("reports an invalid priority or an empty role next to the field", () => {
    const initial = focusToForm(docs);
    expect(patchBody(initial, { ...initial, priority: "1.5", role: " " })).toEqual({
      ok: false,
      errors: { priority: "must be a whole number", role: "a role is required" },
    });
  });

  it("creates a focus from every field, accepted by the server's focus schema", () => {
    const r = createBody({
      ...EMPTY_FOCUS_FORM,
      name: "database",
      role: "Database Engineer",
      description: "Schemas and queries",
      must_do: "Write reversible migrations",
      must_not_do: "Edit applied migrations",
      keywords: "sql, migration, query",
      issue_types: ["bug", "feature"],
      labels: "db",
      priority: "10",
      status: "inactive",
      model_role: "deep",
      allow_image_output: true,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(FocusSchema.parse(r.body)).toEqual({
      name: "database",
      role: "Database Engineer",
      description: "Schemas and queries",
      must_do: ["Write reversible migrations"],
      must_not_do: ["Edit applied migrations"],
      keywords: ["sql", "migration", "query"],
      issue_types: ["bug", "feature"],
      labels: ["db"],
      priority: 10,
      status: "inactive",
      model_role: "deep",
      model: null,
      provider_id: null,
      allow_image_output: true,
    });
    expect(createBody(EMPTY_FOCUS_FORM)).toEqual({
      ok: false,
      errors: { name: "a name is required", role: "a role is required" },
    });
  });

  it("round-trips every built-in focus without a change", () => {
    for (const f of BUILTIN_FOCI) {
      const form = focusToForm({ ...f, origin: "builtin" });
      expect(patchBody(form, { ...form })).toEqual({ ok: true, body: {} });
    }
  });

  it("offers the known issue types plus any other the focus has", () => {
    expect(issueTypeOptions(["bug", "spike"])).toEqual([
      "bug",
      "feature",
      "task",
      "epic",
      "chore",
      "spike",
    ]);
  });

  it("deletes a user focus, restores an overridden built-in, and cannot delete a built-in", () => {
    expect(deleteAction(view({ name: "x" }, "user"))?.label).toBe("Delete");
    expect(deleteAction(view({ name: "docs" }, "override"))?.label).toBe("Restore built-in");
    expect(deleteAction(docs)).toBeNull();
  });

  it("filters by name, role, keyword and label", () => {
    const list = [docs, view({ name: "db", role: "Database", keywords: ["sql"] })];
    expect(filterFoci(list, "SQL").map((f) => f.name)).toEqual(["db"]);
    expect(filterFoci(list, "writer").map((f) => f.name)).toEqual(["docs"]);
    expect(filterFoci(list, "  ")).toHaveLength(2);
  });
});

describe("score preview", () => {
  it("builds the preview body the server accepts", () => {
    const body = previewBody({
      title: "Fix login page",
      description: "",
      type: "bug",
      labels: "security, needs:docs",
      state: "",
    });
    expect(body).toEqual({
      title: "Fix login page",
      description: "",
      type: "bug",
      labels: ["security", "needs:docs"],
      state: null,
    });
    expect(PreviewBodySchema.parse({ ...body, state: "Needs CI Fix" }).state).toBe("Needs CI Fix");
  });

  it("[C90] explains each score and marks the selection; inactive and proposed foci are excluded", () => {
    const foci = BUILTIN_FOCI.map((f) =>
      f.name === "frontend"
        ? { ...f, status: "inactive" as const }
        : f.name === "test"
          ? { ...f, status: "proposed" as const }
          : f,
    );
    const sel = selectFocus(
      {
        title: "Docs for the dashboard page",
        description: "update the readme",
        type: "task",
        labels: ["security"],
        state: null,
      },
      foci,
    );
    const preview: Preview = {
      selected: { name: sel.focus.name, role: sel.focus.role, reason: sel.reason },
      scores: [...sel.scores].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)),
    };
    const rows = scoreRows(preview);
    expect(rows.filter((r) => r.selected).map((r) => r.name)).toEqual(["security"]);
    expect(rows.find((r) => r.name === "security")?.why).toBe("labels security +30 · priority +15");
    expect(rows.find((r) => r.name === "docs")?.why).toBe(
      "keywords docs, readme +20 · priority +5",
    );
    expect(rows.find((r) => r.name === "frontend")?.why).toBe("inactive: never selected");
    expect(rows.find((r) => r.name === "test")?.excluded).toBe("proposed");
    expect(rows.find((r) => r.name === "chore")?.why).toBe("no match");
    expect(rows).toHaveLength(BUILTIN_FOCI.length);
  });
});

describe("suggestions", () => {
  const s = (name: string, status: Suggestion["status"], last_seen: string): Suggestion => ({
    name,
    role: name,
    keywords: [],
    domains: [],
    issue_ids: [],
    first_seen: last_seen,
    last_seen,
    status,
  });

  it("lists pending suggestions first, newest first", () => {
    const { pending, decided } = splitSuggestions([
      s("a", "pending", "2026-01-01T00:00:00Z"),
      s("b", "dismissed", "2026-01-03T00:00:00Z"),
      s("c", "pending", "2026-01-02T00:00:00Z"),
    ]);
    expect(pending.map((x) => x.name)).toEqual(["c", "a"]);
    expect(decided.map((x) => x.name)).toEqual(["b"]);
  });
});
