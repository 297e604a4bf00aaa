import { describe, expect, it } from "vitest";
import { pathKey } from "../../../src/domain/path-key.js";
import {
  PROJECT_NAME_PATTERN,
  classifyRepoUrl,
  deriveProjectName,
  detectScm,
  newProjectId,
} from "../../../src/domain/project.js";
import { checkRepoUrl, draftFromInput } from "../../../src/projects/project-input.js";

const loopback = {
  trackerKind: "oompah_md" as const,
  serverHost: "127.0.0.1",
  allowLocalRepoPaths: false,
};
const wildcard = { ...loopback, serverHost: "0.0.0.0" };

describe("project rules (§4.4)", () => {
  it("derives a valid name from every accepted URL kind", () => {
    expect(deriveProjectName("https://github.com/acme/Widget.git")).toBe("widget");
    expect(deriveProjectName("git@gitlab.com:group/sub/My Repo.git")).toBe("my-repo");
    expect(deriveProjectName("ssh://git@host:2222/x/tool.git/")).toBe("tool");
    expect(deriveProjectName("/srv/git/origin.git")).toBe("origin");
    expect(deriveProjectName("file:///srv/git/_Under%20Score")).toBe("under-score");
    expect(deriveProjectName("https://example.com/")).toBe("project");
    for (const url of ["https://h/x/ÜBER!!.git", "git@h:a/" + "b".repeat(100)]) {
      expect(deriveProjectName(url)).toMatch(PROJECT_NAME_PATTERN);
    }
  });

  it("classifies repository URLs and rejects other spellings", () => {
    expect(classifyRepoUrl("https://github.com/a/b")).toBe("https");
    expect(classifyRepoUrl("http://127.0.0.1:9/a.git")).toBe("http");
    expect(classifyRepoUrl("ssh://git@h/a.git")).toBe("ssh");
    expect(classifyRepoUrl("git@github.com:a/b.git")).toBe("scp");
    expect(classifyRepoUrl("file:///srv/a.git")).toBe("file");
    expect(classifyRepoUrl("/srv/a.git")).toBe("local");
    expect(classifyRepoUrl("ftp://h/a")).toBeNull();
    expect(classifyRepoUrl("not a url")).toBeNull();
    expect(classifyRepoUrl("")).toBeNull();
  });

  it("detects the SCM from the repository host", () => {
    expect(detectScm("https://github.com/a/b.git")).toBe("github");
    expect(detectScm("git@github.com:a/b.git")).toBe("github");
    expect(detectScm("https://gitlab.com/g/p")).toBe("gitlab");
    expect(detectScm("https://github.example.com/a/b")).toBe("local");
    expect(detectScm("/srv/a.git")).toBe("local");
  });

  it("creates proj-<8 hex> ids", () => {
    expect(newProjectId()).toMatch(/^proj-[0-9a-f]{8}$/);
  });

  it("keys names per §11.1 without collisions", () => {
    expect(pathKey("widget")).toBe("widget");
    expect(pathKey("a/b")).toMatch(/^a_b-[0-9a-f]{16}$/);
    expect(pathKey("a/b")).not.toBe(pathKey("a_b"));
    expect(pathKey("..")).toMatch(/^\.\.-[0-9a-f]{16}$/);
  });

  it("[C187] refuses local paths over the API on a non-loopback bind unless allowed", () => {
    expect(() => checkRepoUrl("/srv/a.git", wildcard, false)).toThrow(
      expect.objectContaining({ code: "local_repo_path_forbidden" }),
    );
    expect(() => checkRepoUrl("file:///srv/a.git", wildcard, false)).toThrow(
      expect.objectContaining({ code: "local_repo_path_forbidden" }),
    );
    expect(checkRepoUrl("/srv/a.git", { ...wildcard, allowLocalRepoPaths: true }, false)).toBe(
      "/srv/a.git",
    );
    expect(checkRepoUrl("/srv/a.git", wildcard, true)).toBe("/srv/a.git");
    expect(checkRepoUrl("/srv/a.git", loopback, false)).toBe("/srv/a.git");
    expect(checkRepoUrl("https://github.com/a/b", wildcard, false)).toBe("https://github.com/a/b");
  });

  it("applies the §4.4 defaults to a draft", () => {
    const gh = draftFromInput({ repo_url: "https://github.com/acme/widget.git" }, loopback, false);
    expect(gh).toMatchObject({
      name: "widget",
      scm: "github",
      tracker_kind: "oompah_md",
      forge_base_url: "https://api.github.com",
      webhook_forwarding: true,
    });
    const local = draftFromInput(
      { repo_url: "/srv/x.git", tracker_kind: "backlog.md" },
      loopback,
      false,
    );
    expect(local).toMatchObject({
      scm: "local",
      tracker_kind: "backlog",
      webhook_forwarding: false,
      forge_base_url: null,
    });
    expect(() =>
      draftFromInput(
        { repo_url: "/srv/x.git", tracker_settings: { token: "ghp_secret" } },
        loopback,
        false,
      ),
    ).toThrow(expect.objectContaining({ code: "validation_failed" }));
    expect(() =>
      draftFromInput({ repo_url: "/srv/x.git", tracker_kind: "jira" }, loopback, false),
    ).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });
});
