import { describe, expect, it } from "vitest";
import { HeadTailBuffer } from "../../../src/workspace/output-cap.js";

describe("HeadTailBuffer", () => {
  it("keeps everything under the cap", () => {
    const b = new HeadTailBuffer(100);
    b.push(Buffer.from("hello "));
    b.push(Buffer.from("world"));
    expect(b.text()).toBe("hello world");
    expect(b.truncated).toBe(false);
  });

  it("keeps head and tail and marks the elided middle", () => {
    const b = new HeadTailBuffer(20);
    for (let i = 0; i < 100; i++) b.push(Buffer.from(String(i % 10)));
    expect(b.receivedBytes).toBe(100);
    expect(b.truncated).toBe(true);
    expect(b.text()).toBe("0123456789\n[… 80 bytes of output elided …]\n0123456789");
  });

  it("splits one large chunk between head and tail", () => {
    const b = new HeadTailBuffer(8);
    b.push(Buffer.from("abcdefghijklmnop"));
    expect(b.text()).toBe("abcd\n[… 8 bytes of output elided …]\nmnop");
  });
});
