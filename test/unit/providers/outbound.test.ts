/**
 * The §19.6 outbound guard: schemes, link-local and metadata addresses (also
 * IPv4-mapped and behind DNS), and redirect hops, with injected DNS and fetch.
 */
import { describe, expect, it } from "vitest";
import { OompahError } from "../../../src/domain/errors.js";
import {
  checkOutboundUrl,
  guardedFetch,
  isRefusedAddress,
} from "../../../src/providers/outbound.js";

const lookup = (table: Record<string, string[]>) => (host: string) =>
  Promise.resolve(
    (table[host] ?? ["93.184.216.34"]).map((address) => ({
      address,
      family: address.includes(":") ? 6 : 4,
    })),
  );

async function code(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof OompahError ? e.code : `non-oompah: ${String(e)}`;
  }
}

describe("outbound guard", () => {
  it("classifies link-local and metadata addresses", () => {
    for (const a of [
      "169.254.169.254",
      "169.254.0.1",
      "fe80::1",
      "febf::ffff",
      "fd00:ec2::254",
      "::ffff:169.254.169.254",
      "[fe80::1%eth0]",
    ])
      expect(isRefusedAddress(a), a).toBe(true);
    for (const a of [
      "127.0.0.1",
      "10.0.0.5",
      "169.255.0.1",
      "::1",
      "fec0::1",
      "fd00:ec2::253",
      "api.openai.com",
    ])
      expect(isRefusedAddress(a), a).toBe(false);
  });

  it("allows only http(s) and refuses metadata hosts, literal or resolved", async () => {
    const dns = lookup({
      "meta.example": ["10.0.0.1", "169.254.169.254"],
      "ok.example": ["10.0.0.1"],
    });
    expect(await code(checkOutboundUrl("https://ok.example/v1", dns))).toBeNull();
    expect(await code(checkOutboundUrl("http://127.0.0.1:11434/v1", dns))).toBeNull();
    for (const url of [
      "file:///etc/passwd",
      "ftp://ok.example/",
      "not a url",
      "http://169.254.169.254/latest/meta-data",
      "http://2852039166/",
      "http://[::ffff:169.254.169.254]/",
      "http://[fd00:ec2::254]/",
      "http://meta.example/v1",
    ])
      expect(await code(checkOutboundUrl(url, dns)), url).toBe("outbound_url_refused");
  });

  it("re-checks every redirect hop and drops the bearer across origins", async () => {
    const seen: Array<{ url: string; auth: string | null; method: string }> = [];
    const hops: Record<string, Response> = {
      "http://a.example/models": new Response(null, {
        status: 302,
        headers: { location: "http://b.example/models" },
      }),
      "http://b.example/models": new Response(null, {
        status: 307,
        headers: { location: "/final" },
      }),
      "http://b.example/final": new Response("ok", { status: 200 }),
      "http://c.example/models": new Response(null, {
        status: 301,
        headers: { location: "http://169.254.169.254/" },
      }),
    };
    const fakeFetch: typeof fetch = (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      seen.push({
        url,
        auth: new Headers(init?.headers).get("authorization"),
        method: init?.method ?? "GET",
      });
      return Promise.resolve(hops[url] ?? new Response("missing", { status: 404 }));
    };
    const f = guardedFetch({ lookup: lookup({}), fetch: fakeFetch });
    const res = await f("http://a.example/models", { headers: { authorization: "Bearer k" } });
    expect(await res.text()).toBe("ok");
    expect(seen.map((s) => [s.url, s.auth])).toEqual([
      ["http://a.example/models", "Bearer k"],
      ["http://b.example/models", null],
      ["http://b.example/final", null],
    ]);
    expect(await code(f("http://c.example/models"))).toBe("outbound_url_refused");
    expect(seen.at(-1)?.url).toBe("http://c.example/models");
  });

  it("stops after five redirects", async () => {
    let n = 0;
    const loop: typeof fetch = () =>
      Promise.resolve(
        new Response(null, { status: 302, headers: { location: `http://l.example/${++n}` } }),
      );
    const f = guardedFetch({ lookup: lookup({}), fetch: loop });
    expect(await code(f("http://l.example/0"))).toBe("outbound_url_refused");
    expect(n).toBe(6);
  });
});
