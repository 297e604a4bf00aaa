import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FociStore } from "../../../src/documents/foci.js";
import { FocusSuggestionsStore } from "../../../src/documents/focus-suggestions.js";
import type { FinishedWork } from "../../../src/domain/focus-proposals.js";
import { tempDir } from "../../helpers/sandbox.js";

const work = (n: number): FinishedWork => ({
  issueId: `demo:OOMPAH-${n}`,
  title: "Webhook queue drops events",
  description:
    "The webhook queue loses events when the subscriber restarts; publish each event again after a crash.",
  comments: [],
});

async function setup() {
  const dir = join(tempDir(), ".oompah");
  const foci = new FociStore(join(dir, "foci.json"));
  const suggestions = new FocusSuggestionsStore(
    join(dir, "focus_suggestions.json"),
    foci,
    () => new Date("2025-03-01T12:00:00Z"),
  );
  await foci.load();
  await suggestions.load();
  return { dir, foci, suggestions };
}

describe("focus_suggestions.json (SPEC §8.5)", () => {
  it("[C96] three finished issues write a proposed focus into foci.json; accepting activates it", async () => {
    const { dir, foci, suggestions } = await setup();
    await suggestions.recordFinished(work(1));
    await suggestions.recordFinished(work(2));
    expect(foci.user()).toEqual([]);
    const third = await suggestions.recordFinished(work(3));
    expect(third.kind).toBe("suggested");
    const name = suggestions.list()[0]!.name;
    expect(name).toBe("webhook_queue");
    const onDisk = JSON.parse(readFileSync(join(dir, "foci.json"), "utf8")) as Array<
      Record<string, unknown>
    >;
    expect(onDisk).toEqual([expect.objectContaining({ name, status: "proposed" })]);
    expect((onDisk[0]?.must_do as string[]).length).toBeGreaterThan(2);
    expect(JSON.parse(readFileSync(join(dir, "focus_suggestions.json"), "utf8"))[0]).toMatchObject({
      name,
      issue_ids: ["demo:OOMPAH-1", "demo:OOMPAH-2", "demo:OOMPAH-3"],
      status: "pending",
    });

    const { focus } = await suggestions.accept(name);
    expect(focus.status).toBe("active");
    expect(foci.get(name)?.status).toBe("active");
  });

  it("[C96] a dismissed suggestion withdraws its proposed focus and is never proposed again", async () => {
    const { foci, suggestions } = await setup();
    for (const n of [1, 2, 3]) await suggestions.recordFinished(work(n));
    const name = suggestions.list()[0]!.name;
    await suggestions.dismiss(name);
    expect(foci.get(name)).toBeNull();
    for (const n of [4, 5, 6, 7])
      expect((await suggestions.recordFinished(work(n))).kind).toBe("dismissed");
    expect(foci.get(name)).toBeNull();
    expect(suggestions.list()[0]?.status).toBe("dismissed");
    await expect(suggestions.accept("nope")).rejects.toMatchObject({ code: "not_found" });
  });
});
