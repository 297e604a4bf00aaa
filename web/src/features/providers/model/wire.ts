/**
 * Wire types of the provider and backend routes (§9.3, §17.2), inferred from
 * the server's zod schemas (type-only imports). No type here has a key field:
 * the public provider carries only `api_key_set` and `api_key_source`.
 */
import type { z } from "zod";
import type { ProbeResultSchema } from "../../../../../src/providers/provider-probe.js";
import type {
  BackendListSchema,
  BackendStatusSchema,
} from "../../../../../src/server/routes/backends.js";
import type {
  FetchModelsResultSchema,
  ProviderInputSchema,
  ProviderListSchema,
  PublicProviderSchema,
} from "../../../../../src/server/routes/providers.js";

export type Provider = z.infer<typeof PublicProviderSchema>;
export type ProviderList = z.infer<typeof ProviderListSchema>;
/** `POST /api/v1/providers` and `PATCH /api/v1/providers/{id}`. */
export type ProviderInput = z.input<typeof ProviderInputSchema>;
export type ProbeResult = z.infer<typeof ProbeResultSchema>;
export type FetchModelsResult = z.infer<typeof FetchModelsResultSchema>;
export type BackendStatus = z.infer<typeof BackendStatusSchema>;
export type BackendList = z.infer<typeof BackendListSchema>;

export type Backend = Provider["backend"];
export type Capability = Provider["model_capabilities"][string][number];
export type ModelCost = Provider["model_costs"][string];
