/**
 * The Host and Origin rules of §19.2 as pure functions. The server's own
 * names are the loopback spellings plus the configured host, always with the
 * bound port; operators extend them with `server.allowed_hosts` (with or
 * without a port) and `server.allowed_origins`.
 */
import type { HttpSecurityOptions } from "./context.js";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** `host` with IPv6 literals bracketed, as it appears in Host headers and URLs. */
function hostName(host: string): string {
  const lower = host.toLowerCase();
  return lower.includes(":") && !lower.startsWith("[") ? `[${lower}]` : lower;
}

function splitHostPort(value: string): { name: string; port: number | undefined } {
  const lower = value.trim().toLowerCase();
  const cut = lower.startsWith("[") ? lower.indexOf("]") + 1 : lower.lastIndexOf(":");
  if (cut <= 0 || cut >= lower.length || lower[cut] !== ":")
    return { name: lower, port: undefined };
  return { name: lower.slice(0, cut), port: Number(lower.slice(cut + 1)) };
}

/** Whether a Host header names this server (DNS-rebinding defence). */
export function hostAllowed(header: string, opts: HttpSecurityOptions): boolean {
  const { name, port } = splitHostPort(header);
  const own = [...LOOPBACK_NAMES, hostName(opts.host)];
  if (own.includes(name) && (port ?? 80) === opts.port) return true;
  return opts.allowedHosts.some((entry) => {
    const allowed = splitHostPort(entry);
    return allowed.name === name && (allowed.port === undefined || allowed.port === (port ?? 80));
  });
}

function normalizeOrigin(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Whether an Origin header is this server's own origin or an allowed one. */
export function originAllowed(header: string, opts: HttpSecurityOptions): boolean {
  const origin = normalizeOrigin(header);
  if (origin === undefined) return false;
  const schemes = opts.secureCookies === true ? ["http", "https"] : ["http"];
  const own = [...LOOPBACK_NAMES, hostName(opts.host)].flatMap((name) =>
    schemes.map((scheme) => normalizeOrigin(`${scheme}://${name}:${opts.port}`)),
  );
  return (
    own.includes(origin) || opts.allowedOrigins.some((entry) => normalizeOrigin(entry) === origin)
  );
}
