import { describe, expect, it } from "vitest";
import { BUILTIN_FOCI } from "../../../src/domain/builtin-foci.js";
import { FocusSchema } from "../../../src/domain/focus.js";
import { makeIssue } from "../../../src/domain/issue.js";
import { ProviderSchema } from "../../../src/domain/provider.js";
import { explainRouting } from "../../../src/domain/routing-explanation.js";

const profiles = [
  { name: "quick", model_role: "fast", issue_types: ["chore"], keywords: ["typo"] },
  { name: "deep", model_role: "deep", issue_types: ["bug"], keywords: [] },
];
const provider = ProviderSchema.parse({
  id: "prov-11111111",
  name: "Local",
  base_url: "http://127.0.0.1:1/v1",
  api_key_enc: "v1:aaaa:bbbb",
  models: ["m-small", "m-large"],
  model_roles: { fast: "m-small", deep: "m-large" },
});
const issue = makeIssue({
  id: "7",
  identifier: "OOM-7",
  project_id: "p1",
  state: "Open",
  title: "Fix XSS in the login form",
  description: "Escape the username.",
  type: "bug",
  priority: 1,
  labels: ["security"],
});

describe("explainRouting", () => {
  it("explains focus, profile, provider, model and backend", () => {
    const x = explainRouting({ issue, foci: BUILTIN_FOCI, profiles, providers: [provider] });
    expect(x.focus).toMatchObject({
      selected: "security",
      role: "Security Auditor",
      reason: "score",
    });
    expect(x.focus.scores[0]).toMatchObject({
      name: "security",
      keywords: ["xss"],
      labels: ["security"],
      score: 55,
    });
    expect(x.profile).toMatchObject({
      selected: "deep",
      score: 10,
      implicit: false,
      escalated: false,
    });
    expect(x.profile.scores).toEqual([
      { name: "quick", score: null },
      { name: "deep", score: 10 },
    ]);
    expect(x.resolution).toEqual({
      ok: true,
      provider: { id: "prov-11111111", name: "Local" },
      provider_source: "only",
      model: "m-large",
      model_source: "profile.model_role",
      backend: "api",
    });
    expect(x.warnings).toEqual([]);
    expect(JSON.stringify(x)).not.toContain("v1:aaaa");
  });

  it("lists each fallback warning and honours escalation and the dispatch state", () => {
    const pinned = FocusSchema.parse({
      ...BUILTIN_FOCI.find((f) => f.name === "security"),
      provider_id: "prov-missing",
      model_role: "paranoid",
    });
    const foci = BUILTIN_FOCI.map((f) => (f.name === "security" ? pinned : f));
    const x = explainRouting({
      issue,
      foci,
      profiles,
      providers: [provider],
      escalation: { consecutive_failures: 2, escalated_profile: "quick" },
    });
    expect(x.warnings.map((w) => w.code)).toEqual(["provider_not_found", "model_role_not_found"]);
    expect(x.profile).toMatchObject({ selected: "quick", escalated: true, implicit: false });
    expect(x.resolution).toMatchObject({
      ok: true,
      model: "m-small",
      model_source: "profile.model_role",
    });

    const rebase = explainRouting({
      issue,
      foci,
      profiles,
      providers: [],
      dispatchState: "Needs Rebase",
    });
    expect(rebase.focus).toMatchObject({
      selected: "merge_conflict",
      reason: "state:Needs Rebase",
    });
    expect(rebase.resolution).toEqual({ ok: false, code: "no_provider", alert: "no_providers" });
  });
});
