import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { socketPathFor } from "../../../src/store/lock.js";

describe("socketPathFor", () => {
  it("puts the socket inside a short data dir", () => {
    expect(socketPathFor("/home/op/.oompah")).toBe("/home/op/.oompah/oompah.sock");
  });

  it("moves the socket to $TMPDIR when the path would exceed 100 bytes", () => {
    const dataDir = `/srv/${"x".repeat(90)}`;
    const digest = createHash("sha256").update(dataDir).digest("hex").slice(0, 12);
    expect(socketPathFor(dataDir)).toBe(join(tmpdir(), `oompah-${digest}.sock`));
  });

  it("keeps a path of exactly 100 bytes in the data dir", () => {
    const dataDir = `/${"d".repeat(100 - "/oompah.sock".length - 1)}`;
    expect(Buffer.byteLength(join(dataDir, "oompah.sock"))).toBe(100);
    expect(socketPathFor(dataDir)).toBe(join(dataDir, "oompah.sock"));
  });

  it("counts bytes, not characters", () => {
    const dataDir = `/${"é".repeat(45)}`; // 90 bytes, 45 characters
    expect(socketPathFor(dataDir)).not.toContain(dataDir);
  });
});
