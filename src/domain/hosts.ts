/** Loopback and wildcard bind addresses (SPEC §19.2). */

/** Loopback names and addresses: the only binds allowed without a token. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** A bind address that no Host header can equal. */
export function isWildcardHost(host: string): boolean {
  return ["0.0.0.0", "::", "[::]"].includes(host.trim());
}
