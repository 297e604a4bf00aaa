import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FociStore } from "../../../src/documents/foci.js";
import { selectFocus } from "../../../src/domain/focus-scoring.js";
import { tempDir } from "../../helpers/sandbox.js";

const stateDir = () => join(tempDir(), ".oompah");

describe("foci.json (SPEC §8.1)", () => {
  it("[C94] a user focus named docs overrides the built-in; deleting the override restores it", async () => {
    const path = join(stateDir(), "foci.json");
    const store = new FociStore(path);
    await store.load();
    expect(store.get("docs")?.role).toBe("Technical Writer");

    await store.upsert({
      name: "docs",
      role: "Docs Gardener",
      keywords: ["handbook"],
      must_do: ["Keep the handbook short"],
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(readFileSync(path, "utf8")) as Array<{ name: string; role: string }>;
    expect(onDisk).toHaveLength(1);
    expect(onDisk[0]).toMatchObject({ name: "docs", role: "Docs Gardener" });

    const fresh = new FociStore(path);
    await fresh.load();
    expect(fresh.get("docs")?.role).toBe("Docs Gardener");
    expect(fresh.all().filter((f) => f.name === "docs")).toHaveLength(1);
    const input = {
      title: "Refresh the handbook",
      description: "",
      type: "task",
      labels: [],
      state: "Open" as const,
    };
    expect(selectFocus(input, fresh.all()).focus.role).toBe("Docs Gardener");

    expect(await fresh.remove("docs")).toEqual({ restoredBuiltin: true });
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual([]);
    expect(fresh.get("docs")?.role).toBe("Technical Writer");
    await store.reload();
    expect(store.get("docs")?.role).toBe("Technical Writer");
  });

  it("reports an invalid hand-edited foci.json with file and field, keeps the last good foci and leaves the file alone", async () => {
    const path = join(stateDir(), "foci.json");
    const store = new FociStore(path);
    await store.upsert({ name: "billing", role: "Billing Engineer", keywords: ["invoice"] });

    const handEdit = JSON.stringify(
      [{ name: "billing", role: "Billing Engineer", priority: "high" }],
      null,
      2,
    );
    writeFileSync(path, handEdit);
    const r = await store.reload();
    expect(r.error?.code).toBe("document_invalid");
    expect(r.error?.details).toMatchObject({ file: path, field: "[0].priority" });
    expect(r.error?.message).toContain("foci.json");
    expect(store.get("billing")?.keywords).toEqual(["invoice"]);
    expect(readFileSync(path, "utf8")).toBe(handEdit);

    writeFileSync(
      path,
      JSON.stringify([
        { name: "a", role: "A" },
        { name: "a", role: "B" },
      ]),
    );
    expect((await store.reload()).error?.details).toMatchObject({ field: "[1].name" });
  });

  it("refuses to delete a built-in or to deactivate the general focus; patches a built-in into an override", async () => {
    const store = new FociStore(join(stateDir(), "foci.json"));
    await store.load();
    await expect(store.remove("security")).rejects.toMatchObject({ code: "builtin_focus" });
    await expect(store.remove("nope")).rejects.toMatchObject({ code: "not_found" });
    await expect(store.setStatus("general", "inactive")).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(store.upsert({ name: "Bad Name", role: "x" })).rejects.toMatchObject({
      code: "validation_failed",
    });
    const off = await store.setStatus("chore", "inactive");
    expect(off).toMatchObject({ name: "chore", role: "Maintenance Engineer", status: "inactive" });
    expect(store.user().map((f) => f.name)).toEqual(["chore"]);
  });
});
