/**
 * `.oompah/foci.json` (SPEC §8.1): user foci that add to or override the
 * built-ins. Deleting an override restores the built-in; the general fallback
 * cannot be deactivated. Routes and the proposal pipeline call this store.
 */
import { z } from "zod";
import { BUILTIN_FOCI } from "../domain/builtin-foci.js";
import { OompahError } from "../domain/errors.js";
import {
  FocusSchema,
  GENERAL_FOCUS_NAME,
  mergeFoci,
  type Focus,
  type FocusDraft,
  type FocusStatus,
} from "../domain/focus.js";
import { JsonDocument, type LoadResult } from "./json-document.js";

export const FociDocumentSchema = z.array(FocusSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((f, i) => {
    if (seen.has(f.name))
      ctx.addIssue({
        code: "custom",
        message: `duplicate focus name "${f.name}"`,
        path: [i, "name"],
      });
    seen.add(f.name);
  });
});

function validationError(issues: readonly z.core.$ZodIssue[]): OompahError {
  const first = issues[0];
  return new OompahError(
    "validation_failed",
    `focus ${first ? first.path.join(".") || "(root)" : ""}: ${first?.message ?? "invalid"}`,
    {
      details: { issues: issues.map((i) => ({ field: i.path.join("."), message: i.message })) },
    },
  );
}

export class FociStore {
  readonly document: JsonDocument<Focus[]>;

  constructor(
    path: string,
    private readonly builtins: readonly Focus[] = BUILTIN_FOCI,
  ) {
    this.document = new JsonDocument({ path, schema: FociDocumentSchema, empty: () => [] });
  }

  load(): Promise<LoadResult<Focus[]>> {
    return this.document.load();
  }

  reload(): Promise<LoadResult<Focus[]>> {
    return this.document.reload();
  }

  /** Built-ins overlaid with the user foci: what routing uses. */
  all(): Focus[] {
    return mergeFoci(this.builtins, this.document.value);
  }

  /** Only the foci written in foci.json. */
  user(): Focus[] {
    return [...this.document.value];
  }

  get(name: string): Focus | null {
    return this.all().find((f) => f.name === name) ?? null;
  }

  isBuiltin(name: string): boolean {
    return this.builtins.some((b) => b.name === name);
  }

  /** Creates or replaces a user focus (a built-in's name creates an override). */
  async upsert(draft: FocusDraft): Promise<Focus> {
    const parsed = FocusSchema.safeParse(draft);
    if (!parsed.success) throw validationError(parsed.error.issues);
    const focus = parsed.data;
    if (focus.name === GENERAL_FOCUS_NAME && focus.status !== "active") {
      throw new OompahError(
        "validation_failed",
        "the general focus is the fallback and cannot be deactivated",
        {
          details: { issues: [{ field: "status", message: "must be active" }] },
        },
      );
    }
    const list = this.document.value;
    const i = list.findIndex((f) => f.name === focus.name);
    await this.document.save(i >= 0 ? list.map((f, j) => (j === i ? focus : f)) : [...list, focus]);
    return focus;
  }

  /** Partial update of a focus (a built-in gets an override holding the change). */
  async patch(name: string, changes: Partial<FocusDraft>): Promise<Focus> {
    const current = this.get(name);
    if (!current) throw new OompahError("not_found", `no focus named ${name}`);
    return this.upsert({ ...current, ...changes, name });
  }

  setStatus(name: string, status: FocusStatus): Promise<Focus> {
    return this.patch(name, { status });
  }

  /** Removes a user focus; for an override this restores the built-in. */
  async remove(name: string): Promise<{ restoredBuiltin: boolean }> {
    const list = this.document.value;
    if (!list.some((f) => f.name === name)) {
      if (this.isBuiltin(name)) {
        throw new OompahError(
          "builtin_focus",
          `${name} is a built-in focus and cannot be deleted`,
          {
            hint: "set its status to inactive to stop selecting it",
          },
        );
      }
      throw new OompahError("not_found", `no focus named ${name}`);
    }
    await this.document.save(list.filter((f) => f.name !== name));
    return { restoredBuiltin: this.isBuiltin(name) };
  }

  /** Adds a `proposed` focus unless any focus of that name exists. Returns whether it was added. */
  async addProposed(focus: Focus): Promise<boolean> {
    if (this.get(focus.name)) return false;
    await this.upsert({ ...focus, status: "proposed" });
    return true;
  }
}
