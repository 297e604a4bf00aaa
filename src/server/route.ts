/**
 * `defineRoute`: one declaration per endpoint carrying its zod schemas, auth
 * mode and handler. The same definitions drive registration (validation before
 * the handler runs), response checking and the OpenAPI document, so the wire
 * contract has a single source of truth.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { OompahError } from "../domain/errors.js";
import type { AuthMode } from "./auth.js";
import type { AppEnv, AuthContext } from "./context.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Success responses by status; errors are thrown as OompahError and use the envelope. */
export type ResponseSchemas = { [status: number]: z.ZodType };

type Parsed<T, Fallback> = T extends z.ZodType ? z.output<T> : Fallback;

/**
 * Read-only view of a body type. `defineRoute` infers its responses with a
 * `const` type parameter (the only way to keep `status: 200` a literal in
 * handler results), which also makes returned literals readonly.
 */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** What a handler returns: one of the declared statuses with a body of its schema. */
export type RouteResult<R extends ResponseSchemas> = {
  [S in keyof R]: {
    status: S;
    body: DeepReadonly<z.input<R[S]>>;
    headers?: Readonly<Record<string, string>>;
  };
}[keyof R];

/** Everything a handler sees, already validated. */
export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  auth: AuthContext;
  /** The raw body bytes (for signature checks and non-JSON media types). */
  rawBody: Uint8Array | null;
  c: Context<AppEnv>;
}

export interface RouteSpec<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends ResponseSchemas,
> {
  method: HttpMethod;
  /** Hono-style path, e.g. `/api/v1/projects/:pid`. */
  path: string;
  summary: string;
  description?: string;
  tags?: readonly string[];
  /** Defaults to `operator`. */
  auth?: AuthMode;
  operationId?: string;
  /** Accepted media types for a body; defaults to `application/json`. */
  contentTypes?: readonly string[];
  /** Overrides `server.max_body_bytes` (webhooks accept 10 MiB). */
  maxBodyBytes?: number;
  request?: { params?: P; query?: Q; body?: B };
  responses: R;
  handler: (
    ctx: HandlerContext<
      Parsed<P, Record<string, string>>,
      Parsed<Q, Record<string, string | string[]>>,
      Parsed<B, undefined>
    >,
  ) => RouteResult<R> | Promise<RouteResult<R>>;
}

/** Unvalidated request parts handed to `execute`. */
export interface RawRequest {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  auth: AuthContext;
  rawBody: Uint8Array | null;
  c: Context<AppEnv>;
}

/** A route with its types erased, as stored in the route table. */
export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly tags: readonly string[];
  readonly auth: AuthMode;
  readonly operationId: string;
  readonly contentTypes: readonly string[];
  readonly maxBodyBytes: number | undefined;
  readonly request: { params?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType };
  readonly responses: ResponseSchemas;
  /** Validates the request (422 `validation_failed` listing every issue) and runs the handler. */
  execute(
    raw: RawRequest,
  ): Promise<{ status: number; body: unknown; headers?: Readonly<Record<string, string>> }>;
}

/** One validation problem, as listed in `details.issues`. */
export interface FieldIssue {
  in: "params" | "query" | "body";
  path: string;
  message: string;
}

function check(
  schema: z.ZodType | undefined,
  value: unknown,
  where: FieldIssue["in"],
  issues: FieldIssue[],
): unknown {
  if (schema === undefined) return value;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({ in: where, path: issue.path.map(String).join("."), message: issue.message });
  }
  return undefined;
}

function defaultOperationId(method: HttpMethod, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter((w) => w !== "" && w !== "api" && w !== "v1");
  return [method.toLowerCase(), ...words.map((w) => w[0]?.toUpperCase() + w.slice(1))].join("");
}

export function defineRoute<
  const R extends ResponseSchemas,
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B, R>): RouteDefinition {
  const request = spec.request ?? {};
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags ?? [],
    auth: spec.auth ?? "operator",
    operationId: spec.operationId ?? defaultOperationId(spec.method, spec.path),
    contentTypes: spec.contentTypes ?? ["application/json"],
    maxBodyBytes: spec.maxBodyBytes,
    request,
    responses: spec.responses,
    async execute(raw) {
      const issues: FieldIssue[] = [];
      const params = check(request.params, raw.params, "params", issues);
      const query = check(request.query, raw.query, "query", issues);
      const body =
        request.body === undefined ? undefined : check(request.body, raw.body, "body", issues);
      if (issues.length > 0) {
        throw new OompahError("validation_failed", "The request is invalid", {
          details: { issues },
        });
      }
      const result = await spec.handler({
        params: params as Parsed<P, Record<string, string>>,
        query: query as Parsed<Q, Record<string, string | string[]>>,
        body: body as Parsed<B, undefined>,
        auth: raw.auth,
        rawBody: raw.rawBody,
        c: raw.c,
      });
      return { status: Number(result.status), body: result.body, headers: result.headers };
    },
  };
}
