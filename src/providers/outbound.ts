/**
 * The outbound-request guard of SPEC §19.6. Provider test/fetch-models (and
 * forge base URLs) are operator input that oompah turns into requests from the
 * server, so a URL pointing at the cloud metadata service would leak instance
 * credentials. The guard allows only http(s), resolves the host with
 * `dns.lookup(all)` and refuses link-local and metadata addresses, and follows
 * redirects itself (at most five) so every hop is checked again.
 *
 * Known limit: the address is checked, then fetch resolves the name again; a
 * DNS answer that changes in between (rebinding) is not caught. Pinning the
 * connection to the checked address needs a custom dispatcher and is left for
 * the forge adapters, which talk to fewer, fixed hosts.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { OompahError } from "../domain/errors.js";

/** Resolves a host name to every address it has (injectable for tests). */
export type HostLookup = (host: string) => Promise<Array<{ address: string; family: number }>>;

export const defaultLookup: HostLookup = (host) => dnsLookup(host, { all: true, verbatim: true });

const REFUSED = new BlockList();
REFUSED.addSubnet("169.254.0.0", 16, "ipv4");
REFUSED.addSubnet("fe80::", 10, "ipv6");
REFUSED.addAddress("fd00:ec2::254", "ipv6");

/**
 * The IPv4 address inside an IPv4-mapped IPv6 address. The WHATWG URL parser
 * canonicalises every spelling (`::ffff:169.254.169.254`, `0:0:0:0:0:ffff:a9fe:a9fe`)
 * to `::ffff:xxxx:xxxx`, so only that form needs matching.
 */
function mappedIpv4(address: string): string | null {
  const canonical = new URL(`http://[${address}]/`).hostname;
  const hex = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(canonical);
  if (!hex?.[1] || !hex[2]) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** True for link-local and cloud-metadata addresses (`169.254.0.0/16`, `fe80::/10`, `fd00:ec2::254`). */
export function isRefusedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return REFUSED.check(bare, "ipv4");
  if (family !== 6) return false;
  const v4 = mappedIpv4(bare);
  if (v4 !== null) return REFUSED.check(v4, "ipv4");
  return REFUSED.check(bare, "ipv6");
}

function refused(url: string, why: string): OompahError {
  return new OompahError("outbound_url_refused", `refusing to contact ${url}: ${why}`, {
    hint: "use an http(s) URL of the provider's API; link-local and cloud-metadata addresses are never contacted",
    details: { url },
  });
}

/** Throws `outbound_url_refused` unless `raw` is an http(s) URL whose host resolves only to allowed addresses. */
export async function checkOutboundUrl(
  raw: string,
  lookup: HostLookup = defaultLookup,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused(raw, "not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw refused(
      raw,
      `scheme ${url.protocol.replace(/:$/, "")} is not allowed (http or https only)`,
    );
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    if (isRefusedAddress(host)) throw refused(raw, `${host} is a link-local or metadata address`);
    return url;
  }
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(host);
  } catch (e) {
    throw new OompahError("provider_unreachable", `cannot resolve ${host}`, {
      hint: "check the base URL and DNS",
      details: { url: raw },
      cause: e,
    });
  }
  const bad = addresses.find((a) => isRefusedAddress(a.address));
  if (bad)
    throw refused(raw, `${host} resolves to ${bad.address}, a link-local or metadata address`);
  return url;
}

export interface GuardedFetchOptions {
  lookup?: HostLookup;
  /** The underlying fetch (defaults to the global one). */
  fetch?: typeof fetch;
  maxRedirects?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A `fetch` that applies the guard to the first URL and to every redirect
 * target. 303 (and 301/302 after a POST) switch to GET without a body, as
 * browsers do. Usable as the `fetch` option of the OpenAI SDK.
 */
export function guardedFetch(opts: GuardedFetchOptions = {}): typeof fetch {
  const lookup = opts.lookup ?? defaultLookup;
  const base = opts.fetch ?? globalThis.fetch;
  const max = opts.maxRedirects ?? 5;
  return async (input, init) => {
    let url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    let method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    let body = init?.body;
    const headers = new Headers(
      init?.headers ?? (input instanceof Request ? input.headers : undefined),
    );
    for (let hop = 0; ; hop++) {
      await checkOutboundUrl(url, lookup);
      const res = await base(url, { ...init, method, headers, body, redirect: "manual" });
      const location = res.headers.get("location");
      if (!REDIRECTS.has(res.status) || location === null) return res;
      if (hop >= max) {
        await res.body?.cancel();
        throw refused(url, `more than ${max} redirects`);
      }
      await res.body?.cancel();
      const next = new URL(location, url);
      if (new URL(url).origin !== next.origin) headers.delete("authorization");
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
        headers.delete("content-type");
        headers.delete("content-length");
      }
      url = next.href;
    }
  };
}
