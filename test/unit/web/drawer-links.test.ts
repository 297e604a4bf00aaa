import { describe, expect, it } from "vitest";
import {
  branchUrl,
  costLine,
  parseCap,
  repoWebBase,
} from "../../../web/src/features/issue-drawer/model/links.js";

describe("drawer links", () => {
  it("turns https, ssh and scp-like repository URLs into the forge's web address", () => {
    expect(repoWebBase("https://github.com/acme/app.git")).toBe("https://github.com/acme/app");
    expect(repoWebBase("ssh://git@gitlab.com:2222/group/sub/proj.git")).toBe(
      "https://gitlab.com/group/sub/proj",
    );
    expect(repoWebBase("git@github.com:acme/app.git")).toBe("https://github.com/acme/app");
    expect(repoWebBase("/srv/repos/app.git")).toBeNull();
  });

  it("links a branch on GitHub and GitLab, and not for local repositories", () => {
    const gh = { repo_url: "https://github.com/acme/app", scm: "github" };
    expect(branchUrl(gh, "oompah/fix #1")).toBe(
      "https://github.com/acme/app/tree/oompah/fix%20%231",
    );
    expect(branchUrl({ repo_url: "git@gitlab.com:g/p.git", scm: "gitlab" }, "b")).toBe(
      "https://gitlab.com/g/p/-/tree/b",
    );
    expect(branchUrl({ repo_url: "/srv/app.git", scm: "local" }, "b")).toBeNull();
  });
});

describe("cost cap", () => {
  it("says how much was spent against which cap", () => {
    expect(
      costLine({ limit_usd: null, effective_cap_usd: 5, spent_usd: 0.75, at_cap: false }),
    ).toBe("$0.7500 spent of a $5.00 cap (the default)");
    expect(costLine({ limit_usd: 1, effective_cap_usd: 1, spent_usd: 2, at_cap: true })).toBe(
      "$2.00 spent of a $1.00 cap (set for this issue) — cap reached",
    );
    expect(costLine({ limit_usd: null, effective_cap_usd: 0, spent_usd: 0, at_cap: false })).toBe(
      "$0.00 spent; no cap",
    );
  });

  it("accepts dollars, 0 or more, and refuses anything else", () => {
    expect(parseCap(" $2.50 ")).toEqual({ ok: true, usd: 2.5 });
    expect(parseCap("0")).toEqual({ ok: true, usd: 0 });
    expect(parseCap("-1").ok).toBe(false);
    expect(parseCap("ten").ok).toBe(false);
    expect(parseCap("").ok).toBe(false);
  });
});
