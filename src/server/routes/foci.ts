/**
 * Focus routes (SPEC §8, §17.2): the merged library (built-ins overlaid with
 * `.oompah/foci.json`), CRUD on user foci and overrides, the scoring preview
 * and the automatic-proposal queue. Validation and persistence live in
 * FociStore / FocusSuggestionsStore; scoring is the pure `selectFocus`.
 */
import { z } from "zod";
import type { FociStore } from "../../documents/foci.js";
import type { FocusSuggestionsStore } from "../../documents/focus-suggestions.js";
import { OompahError } from "../../domain/errors.js";
import { SuggestionSchema } from "../../domain/focus-proposals.js";
import { selectFocus } from "../../domain/focus-scoring.js";
import {
  FOCUS_NAME_PATTERN,
  FocusSchema,
  FocusStatusSchema,
  focusOrigin,
  type Focus,
} from "../../domain/focus.js";
import { ISSUE_TYPES } from "../../domain/issue.js";
import { canonicalStatus } from "../../domain/status.js";
import { defineRoute, type RouteDefinition } from "../route.js";

export interface FociRouteDeps {
  foci: FociStore;
  suggestions: FocusSuggestionsStore;
}

export const FocusViewSchema = FocusSchema.extend({
  origin: z
    .enum(["builtin", "override", "user"])
    .describe("builtin, an override of a built-in, or user-defined"),
});

const blankToNull = (v: unknown): unknown => (typeof v === "string" && v.trim() === "" ? null : v);
const pin = z.preprocess(blankToNull, z.string().trim().nullable()).optional();

/** Every §8.1 field but the name, all optional and without defaults, so a patch changes only what it sends. */
export const FocusPatchSchema = z
  .object({
    role: z.string().min(1),
    description: z.string(),
    must_do: z.array(z.string()),
    must_not_do: z.array(z.string()),
    keywords: z.array(z.string()),
    issue_types: z.array(z.string()),
    labels: z.array(z.string()),
    priority: z.number().int(),
    status: FocusStatusSchema,
    model_role: pin,
    model: pin,
    provider_id: pin,
    allow_image_output: z.boolean(),
  })
  .partial()
  .strict();

const NameParams = z.object({
  name: z.string().regex(FOCUS_NAME_PATTERN, "must match [a-z][a-z0-9_]*"),
});

const StateSchema = z
  .string()
  .nullish()
  .transform((s, ctx) => {
    if (s === null || s === undefined || s.trim() === "") return null;
    const status = canonicalStatus(s);
    if (status === null) ctx.addIssue({ code: "custom", message: `unknown status "${s}"` });
    return status;
  })
  .describe("Dispatch state (Needs CI Fix / Needs Rebase imply routing labels)");

export const PreviewBodySchema = z.object({
  title: z.string().default(""),
  description: z.string().default(""),
  type: z.enum(ISSUE_TYPES).default("task"),
  labels: z.array(z.string()).default([]),
  state: StateSchema,
});

/** One focus's score for an issue (`selectFocus`), as the preview and the routing explanation show it. */
export const FocusScoreSchema = z.object({
  name: z.string(),
  score: z.number(),
  excluded: z.enum(["inactive", "proposed", "focus_complete"]).nullable(),
  needs_label: z.boolean(),
  keywords: z.array(z.string()),
  type_match: z.boolean(),
  labels: z.array(z.string()),
  priority_bonus: z.number(),
});

export const PreviewSchema = z.object({
  selected: z.object({ name: z.string(), role: z.string(), reason: z.string() }),
  scores: z.array(FocusScoreSchema),
});

export const FociListSchema = z.object({ foci: z.array(FocusViewSchema) });
export const SuggestionListSchema = z.object({ suggestions: z.array(SuggestionSchema) });

function view(deps: FociRouteDeps, f: Focus): z.input<typeof FocusViewSchema> {
  const builtins = deps.foci.all().filter((x) => deps.foci.isBuiltin(x.name));
  return { ...f, origin: focusOrigin(f.name, builtins, deps.foci.user()) };
}

export function fociRoutes(deps: FociRouteDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      path: "/api/v1/foci",
      summary: "The focus library: built-ins overlaid with user foci",
      tags: ["foci"],
      responses: { 200: FociListSchema },
      handler: () => ({ status: 200, body: { foci: deps.foci.all().map((f) => view(deps, f)) } }),
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/foci",
      summary: "Create a user focus (a built-in's name creates an override)",
      tags: ["foci"],
      request: { body: FocusSchema },
      responses: { 201: FocusViewSchema },
      handler: async ({ body }) => {
        if (deps.foci.user().some((f) => f.name === body.name)) {
          throw new OompahError(
            "focus_conflict",
            `a user focus named ${body.name} already exists`,
            {
              hint: `use PATCH /api/v1/foci/${body.name} to change it`,
            },
          );
        }
        return { status: 201, body: view(deps, await deps.foci.upsert(body)) };
      },
    }),
    defineRoute({
      method: "PATCH",
      path: "/api/v1/foci/:name",
      summary: "Change fields of a focus (a built-in gets an override)",
      tags: ["foci"],
      request: { params: NameParams, body: FocusPatchSchema },
      responses: { 200: FocusViewSchema },
      handler: async ({ params, body }) => {
        const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
        return { status: 200, body: view(deps, await deps.foci.patch(params.name, changes)) };
      },
    }),
    defineRoute({
      method: "DELETE",
      path: "/api/v1/foci/:name",
      summary: "Delete a user focus; deleting an override restores the built-in",
      tags: ["foci"],
      request: { params: NameParams },
      responses: { 200: z.object({ deleted: z.string(), restored_builtin: z.boolean() }) },
      handler: async ({ params }) => {
        const { restoredBuiltin } = await deps.foci.remove(params.name);
        return { status: 200, body: { deleted: params.name, restored_builtin: restoredBuiltin } };
      },
    }),
    defineRoute({
      method: "POST",
      path: "/api/v1/foci/preview",
      summary: "Score every focus for a sample issue and show the selection",
      tags: ["foci"],
      request: { body: PreviewBodySchema },
      responses: { 200: PreviewSchema },
      handler: ({ body }) => {
        const sel = selectFocus(body, deps.foci.all());
        return {
          status: 200,
          body: {
            selected: { name: sel.focus.name, role: sel.focus.role, reason: sel.reason },
            scores: [...sel.scores].sort(
              (a, b) => b.score - a.score || a.name.localeCompare(b.name),
            ),
          },
        };
      },
    }),
    defineRoute({
      method: "GET",
      path: "/api/v1/foci/suggestions",
      summary: "The automatic focus-proposal queue",
      tags: ["foci"],
      responses: { 200: SuggestionListSchema },
      handler: () => ({ status: 200, body: { suggestions: deps.suggestions.list() } }),
    }),
    defineRoute({
      method: "PATCH",
      path: "/api/v1/foci/suggestions/:name",
      summary: "Accept (creates or activates the focus) or dismiss a suggestion",
      tags: ["foci"],
      request: {
        params: z.object({ name: z.string().min(1) }),
        body: z.object({ action: z.enum(["accept", "dismiss"]) }),
      },
      responses: {
        200: z.object({ suggestion: SuggestionSchema, focus: FocusViewSchema.optional() }),
      },
      handler: async ({ params, body }) => {
        if (body.action === "dismiss") {
          return { status: 200, body: { suggestion: await deps.suggestions.dismiss(params.name) } };
        }
        const { suggestion, focus } = await deps.suggestions.accept(params.name);
        return { status: 200, body: { suggestion, focus: view(deps, focus) } };
      },
    }),
  ];
}
