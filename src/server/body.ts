/**
 * Request bodies (§17.1, §19.6): mutating requests must declare an accepted
 * media type (JSON unless the route says otherwise), and the body is counted
 * while it streams in, so a chunked upload without Content-Length cannot
 * exceed the limit either. JSON is parsed here so that one code path answers
 * 400 `invalid_request` for malformed input.
 */
import { OompahError } from "../domain/errors.js";

/** The media type without parameters, lower-cased (`application/json`). */
export function mediaType(contentType: string | undefined): string | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === undefined || type === "" ? undefined : type;
}

export function isJsonMediaType(type: string | undefined): boolean {
  return type === "application/json" || (type?.endsWith("+json") ?? false);
}

const tooLarge = (limit: number): OompahError =>
  new OompahError("payload_too_large", `Request body exceeds ${limit} bytes`, {
    details: { limit_bytes: limit },
  });

/**
 * Reads the body of `req` up to `limit` bytes after checking its media type.
 * Returns null when there is no body.
 */
export async function readLimitedBody(
  req: Request,
  opts: { limit: number; contentTypes: readonly string[] },
): Promise<Uint8Array | null> {
  if (req.method === "GET" || req.method === "HEAD" || req.body === null) return null;
  const declared = req.headers.get("content-length");
  if (declared !== null) {
    const length = Number(declared);
    if (length === 0) return null;
    if (Number.isFinite(length) && length > opts.limit) throw tooLarge(opts.limit);
  }
  const type = mediaType(req.headers.get("content-type") ?? undefined);
  const unsupported = (): OompahError =>
    new OompahError(
      "unsupported_media_type",
      `Content-Type must be ${opts.contentTypes.join(" or ")}`,
      {
        details: { accepted: [...opts.contentTypes] },
      },
    );
  // A declared but unaccepted type is refused before reading; an undeclared one
  // is only refused when the body turns out not to be empty (a bare DELETE).
  if (type !== undefined && !opts.contentTypes.includes(type)) throw unsupported();
  const reader = (req.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > opts.limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(opts.limit);
    }
    chunks.push(value);
  }
  if (total === 0) return null;
  if (type === undefined) throw unsupported();
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Parses a JSON body; malformed UTF-8 or JSON is 400 `invalid_request`. */
export function parseJsonBody(raw: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    // The parser's message quotes the body, which may hold a credential: never echo it.
    throw new OompahError("invalid_request", "Request body is not valid JSON");
  }
}
