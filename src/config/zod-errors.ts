/**
 * Turns the first schema issue into `invalid_config_value {path, expected, got}`
 * (SPEC §3.2 step 6). `got` is read from the input tree and redacted for
 * secret-typed keys, so an error can never echo a credential.
 */
import type { z } from "zod";
import { OompahError } from "../domain/errors.js";
import { describeValue, formatPath, getAt } from "./key-path.js";
import { isSecretPath } from "./schema.js";

function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected;
    case "too_small":
      return `${issue.origin === "array" || issue.origin === "string" ? "length " : ""}${issue.inclusive === false ? ">" : "≥"} ${String(issue.minimum)}`;
    case "too_big":
      return `${issue.inclusive === false ? "<" : "≤"} ${String(issue.maximum)}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "custom":
    case "invalid_element":
    case "invalid_format":
    case "invalid_key":
    case "invalid_union":
    case "not_multiple_of":
    case "unrecognized_keys":
      return issue.message;
  }
}

export function schemaError(
  error: z.ZodError,
  input: unknown,
  sources: ReadonlyMap<string, string>,
): OompahError {
  const issue = error.issues[0];
  if (issue === undefined) return new OompahError("invalid_config_value", "invalid configuration");
  const segments = issue.path.filter((s): s is string | number => typeof s !== "symbol");
  const path = formatPath(segments);
  const expected = expectedOf(issue);
  const got = describeValue(getAt(input, segments), isSecretPath(segments));
  const source = sources.get(path);
  const where = source === undefined ? "" : ` (from ${source})`;
  return new OompahError(
    "invalid_config_value",
    `${path}${where}: expected ${expected}, got ${JSON.stringify(got) ?? "nothing"}`,
    {
      details: { path, expected, got, ...(source === undefined ? {} : { source }) },
    },
  );
}
