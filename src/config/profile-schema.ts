/**
 * `agent.profiles` entries (SPEC §9.1). Unknown fields are stripped (with an
 * `unknown_config_key` warning from the key walk); known ones are validated.
 * Priority bounds stay `null` when not written because matching awards its
 * +3 bonus only for explicit bounds; a null bound means 0 (min) / 4 (max).
 */
import { z } from "zod";
import { intField, optionalString, stringList } from "./schema-fields.js";

export const profileSchema = z
  .object({
    /** Unique profile name (also the escalation ladder label). */
    name: z.string().trim().min(1),
    /** Role looked up in the provider's `model_roles`. */
    model_role: optionalString.default(null),
    /** Explicit model id; wins over `model_role` (§9.4). */
    model: optionalString.default(null),
    /** Pinned provider id. */
    provider_id: optionalString.default(null),
    /** Issue types this profile serves (`+10` when matched). */
    issue_types: stringList.default(() => []),
    /** Case-insensitive substrings of title + description (`+5` each). */
    keywords: stringList.default(() => []),
    /** Lowest priority number served; null = 0 and not explicit. */
    min_priority: intField(0, 4).nullable().default(null),
    /** Highest priority number served; null = 4 and not explicit. */
    max_priority: intField(0, 4).nullable().default(null),
    /** Overrides `agent.max_turns` for runs on this profile. */
    max_turns: intField(1).nullable().default(null),
  })
  .refine((p) => (p.min_priority ?? 0) <= (p.max_priority ?? 4), {
    message: "min_priority must not exceed max_priority",
    path: ["min_priority"],
  });

/** One validated agent profile. */
export type AgentProfile = z.output<typeof profileSchema>;

export const profilesSchema = z.array(profileSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if (seen.has(p.name)) {
      ctx.addIssue({
        code: "custom",
        message: `duplicate profile name "${p.name}"`,
        path: [i, "name"],
      });
    }
    seen.add(p.name);
  });
});
