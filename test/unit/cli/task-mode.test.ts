import { describe, expect, it } from "vitest";
import { resolveTaskMode } from "../../../src/cli/task/mode.js";

const inRepo = () => "/repo";
const noRepo = () => null;

describe("task command modes (§18)", () => {
  it("follows the resolution order flag → run token → server URL → task repository → default", () => {
    const all = {
      OOMPAH_RUN_TOKEN: "ort_x",
      OOMPAH_SERVER_URL: "unix:/s.sock",
      OOMPAH_API_TOKEN: "api",
    };
    expect(resolveTaskMode({ server: "http://h:1" }, all, "/w", inRepo)).toEqual({
      kind: "server",
      server: "http://h:1",
      token: "ort_x",
      agent: true,
    });
    expect(resolveTaskMode({ direct: true }, all, "/w", inRepo)).toEqual({
      kind: "direct",
      repoPath: "/repo",
      sync: false,
    });
    expect(resolveTaskMode({}, all, "/w", inRepo)).toEqual({
      kind: "server",
      server: "unix:/s.sock",
      token: "ort_x",
      agent: true,
    });
    expect(resolveTaskMode({}, { OOMPAH_RUN_TOKEN: "ort_x" }, "/w", inRepo)).toMatchObject({
      server: "http://127.0.0.1:8080",
      agent: true,
    });
    expect(
      resolveTaskMode({}, { OOMPAH_SERVER_URL: "http://s", OOMPAH_API_TOKEN: "api" }, "/w", inRepo),
    ).toEqual({ kind: "server", server: "http://s", token: "api", agent: false });
    expect(resolveTaskMode({ sync: true }, { OOMPAH_SERVER_URL: " " }, "/w", inRepo)).toEqual({
      kind: "direct",
      repoPath: "/repo",
      sync: true,
    });
    expect(resolveTaskMode({}, {}, "/w", noRepo)).toEqual({
      kind: "server",
      server: "http://127.0.0.1:8080",
      token: null,
      agent: false,
    });
  });

  it("refuses --direct outside a task repository and --server with --direct", () => {
    expect(() => resolveTaskMode({ direct: true }, {}, "/w", noRepo)).toThrow(
      expect.objectContaining({ code: "task_repository_not_found" }),
    );
    expect(() => resolveTaskMode({ direct: true, server: "http://h" }, {}, "/w", inRepo)).toThrow(
      expect.objectContaining({ code: "usage" }),
    );
  });
});
