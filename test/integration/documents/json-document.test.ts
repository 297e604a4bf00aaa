import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { JsonDocument } from "../../../src/documents/json-document.js";
import { tempDir } from "../../helpers/sandbox.js";

const Schema = z.array(
  z.object({ name: z.string().regex(/^[a-z]+$/), size: z.number().int().default(1) }),
);
type Doc = z.infer<typeof Schema>;
const make = (path: string) => new JsonDocument<Doc>({ path, schema: Schema, empty: () => [] });

describe("JsonDocument", () => {
  it("starts empty without a file and saves atomically with mode 0600", async () => {
    const dir = join(tempDir(), ".oompah");
    const doc = make(join(dir, "things.json"));
    expect((await doc.load()).value).toEqual([]);
    await doc.save([{ name: "one", size: 2 }]);
    const path = join(dir, "things.json");
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual([{ name: "one", size: 2 }]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["things.json"]);
    expect(doc.value).toEqual([{ name: "one", size: 2 }]);
  });

  it("keeps the last good value and never touches a hand edit that does not validate", async () => {
    const path = join(tempDir(), "things.json");
    writeFileSync(path, JSON.stringify([{ name: "good" }]));
    const doc = make(path);
    expect((await doc.load()).value).toEqual([{ name: "good", size: 1 }]);

    const bad = JSON.stringify([{ name: "fine" }, { name: "Bad Name", size: 3 }], null, 2);
    writeFileSync(path, bad);
    const before = statSync(path).mtimeMs;
    const r = await doc.reload();
    expect(r.changed).toBe(false);
    expect(r.error?.code).toBe("document_invalid");
    expect(r.error?.message).toContain(path);
    expect(r.error?.details).toMatchObject({ file: path, field: "[1].name" });
    expect(doc.value).toEqual([{ name: "good", size: 1 }]);
    expect(doc.lastError?.code).toBe("document_invalid");
    expect(readFileSync(path, "utf8")).toBe(bad);
    expect(statSync(path).mtimeMs).toBe(before);

    writeFileSync(path, "[{ not json");
    const syntax = await doc.reload();
    expect(syntax.error?.details).toMatchObject({ file: path, field: null });
    expect(readFileSync(path, "utf8")).toBe("[{ not json");
    expect(doc.value).toEqual([{ name: "good", size: 1 }]);

    writeFileSync(path, JSON.stringify([{ name: "fixed", size: 9 }]));
    const fixed = await doc.reload();
    expect(fixed).toMatchObject({
      changed: true,
      error: null,
      value: [{ name: "fixed", size: 9 }],
    });
    expect(doc.lastError).toBeNull();
  });

  it("refuses to save an invalid value and leaves the file as it was", async () => {
    const path = join(tempDir(), "things.json");
    const doc = make(path);
    await doc.save([{ name: "ok", size: 1 }]);
    await expect(doc.save([{ name: "NOPE", size: 1 }])).rejects.toMatchObject({
      code: "document_invalid",
    });
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual([{ name: "ok", size: 1 }]);
  });

  it("serialises concurrent saves so the last one wins and no temp file remains", async () => {
    const dir = tempDir();
    const doc = make(join(dir, "things.json"));
    await Promise.all(Array.from({ length: 10 }, (_, i) => doc.save([{ name: "n", size: i }])));
    expect(JSON.parse(readFileSync(join(dir, "things.json"), "utf8"))).toEqual([
      { name: "n", size: 9 },
    ]);
    expect(readdirSync(dir)).toEqual(["things.json"]);
  });

  it("an unchanged file reloads as unchanged", async () => {
    const path = join(tempDir(), "things.json");
    writeFileSync(path, "[]");
    const doc = make(path);
    expect((await doc.load()).changed).toBe(true);
    expect((await doc.reload()).changed).toBe(false);
  });
});
