/** CLI exit codes (SPEC §18) and the mapping from error codes onto them. */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  notFound: 3,
  conflict: 4,
  unauthorized: 5,
  unreachable: 6,
} as const;

export function exitCodeFor(code: string): number {
  if (code === "usage" || code.startsWith("commander.")) return EXIT.usage;
  if (code === "not_found" || code.endsWith("_not_found")) return EXIT.notFound;
  if (/^(conflict|already_claimed)$|_(conflict|exists|busy)$/.test(code)) return EXIT.conflict;
  if (["unauthorized", "forbidden", "origin_not_allowed", "host_not_allowed"].includes(code)) {
    return EXIT.unauthorized;
  }
  if (code === "server_unreachable") return EXIT.unreachable;
  return EXIT.error;
}
