/**
 * The dashboard's only door to the server: same-origin `fetch` with the
 * session cookie, JSON bodies, and `X-Oompah-Client: web` on every request
 * (§19.2 requires it on cookie-authenticated changes; sending it always is
 * harmless). Failures become {@link ApiError} with the §17.1 envelope's code.
 */

/** A refused or failed request. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    /** The envelope's `details` (e.g. `issues` of a 422 `validation_failed`). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface Envelope {
  error?: { code?: unknown; message?: unknown; hint?: unknown; details?: unknown };
}

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Envelope | null;
  const e = body?.error;
  const code = typeof e?.code === "string" ? e.code : `http_${res.status}`;
  const message = typeof e?.message === "string" ? e.message : res.statusText || "Request failed";
  const details =
    e?.details && typeof e.details === "object" && !Array.isArray(e.details)
      ? (e.details as Record<string, unknown>)
      : undefined;
  return new ApiError(
    res.status,
    code,
    message,
    typeof e?.hint === "string" ? e.hint : undefined,
    details,
  );
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { "X-Oompah-Client": "web", Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    throw new ApiError(0, "network_error", err instanceof Error ? err.message : "Network error");
  }
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204 || res.status === 202) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  del: <T>(path: string) => request<T>("DELETE", path),
};

/** `/api/v1/projects/{pid}/issues/{iid}` with both ids percent-encoded (§17.1). */
export function issuePath(projectId: string, issueId: string, suffix = ""): string {
  return `/api/v1/projects/${encodeURIComponent(projectId)}/issues/${encodeURIComponent(issueId)}${suffix}`;
}

/** A one-line text for an error shown to the operator. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return `${err.message}${err.hint ? ` (${err.hint})` : ""}`;
  return err instanceof Error ? err.message : String(err);
}
