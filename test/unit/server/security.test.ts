import { describe, expect, it } from "vitest";
import { hostAllowed, originAllowed } from "../../../src/server/security.js";
import { securityOptions } from "./fake-service.js";

describe("Host and Origin rules", () => {
  it("accepts loopback names only with the bound port", () => {
    const opts = securityOptions({ port: 8123 });
    expect(hostAllowed("localhost:8123", opts)).toBe(true);
    expect(hostAllowed("LOCALHOST:8123", opts)).toBe(true);
    expect(hostAllowed("[::1]:8123", opts)).toBe(true);
    expect(hostAllowed("localhost:8124", opts)).toBe(false);
    expect(hostAllowed("localhost", opts)).toBe(false);
    expect(hostAllowed("evil.example:8123", opts)).toBe(false);
  });

  it("accepts the configured host, including IPv6 literals, and allowed_hosts with or without a port", () => {
    const opts = securityOptions({
      host: "::",
      port: 80,
      allowedHosts: ["box.lan", "proxy.example:8443"],
    });
    expect(hostAllowed("[::]", opts)).toBe(true);
    expect(hostAllowed("box.lan:3000", opts)).toBe(true);
    expect(hostAllowed("proxy.example:8443", opts)).toBe(true);
    expect(hostAllowed("proxy.example:9000", opts)).toBe(false);
  });

  it("accepts the server's own origin in every loopback spelling and allowed_origins", () => {
    const opts = securityOptions({
      host: "0.0.0.0",
      port: 8123,
      allowedOrigins: ["https://dash.example.com"],
    });
    expect(originAllowed("http://127.0.0.1:8123", opts)).toBe(true);
    expect(originAllowed("http://localhost:8123", opts)).toBe(true);
    expect(originAllowed("http://0.0.0.0:8123", opts)).toBe(true);
    expect(originAllowed("https://dash.example.com", opts)).toBe(true);
    expect(originAllowed("https://127.0.0.1:8123", opts)).toBe(false);
    expect(originAllowed("http://localhost:8124", opts)).toBe(false);
    expect(originAllowed("null", opts)).toBe(false);
    expect(originAllowed("https://evil.example", opts)).toBe(false);
  });
});
