import { describe, expect, it } from "vitest";
import { mergeEnv, parseDotenv } from "../../../src/config/dotenv.js";

describe(".env parsing (SPEC §3.1)", () => {
  it("[C4] reads KEY=VALUE, export prefixes, comments and quotes", () => {
    const text = [
      "# a comment",
      "PLAIN=value",
      "export EXPORTED=yes",
      "SPACED = padded value  ",
      "INLINE=abc # trailing comment",
      "HASH=abc#def",
      "SINGLE='literal $X \\n # kept'",
      'DOUBLE="line1\\nline2 \\"q\\""',
      'MULTI="first',
      'second"',
      "EMPTY=",
      "",
    ].join("\n");
    const { values, warnings } = parseDotenv(text);
    expect(warnings).toEqual([]);
    expect(values).toEqual({
      PLAIN: "value",
      EXPORTED: "yes",
      SPACED: "padded value",
      INLINE: "abc",
      HASH: "abc#def",
      SINGLE: "literal $X \\n # kept",
      DOUBLE: 'line1\nline2 "q"',
      MULTI: "first\nsecond",
      EMPTY: "",
    });
  });

  it("skips malformed lines with a warning naming the line", () => {
    const { values, warnings } = parseDotenv("GOOD=1\nnot a pair\n", "/srv/.env");
    expect(values).toEqual({ GOOD: "1" });
    expect(warnings).toEqual([
      expect.objectContaining({
        code: "dotenv_line_ignored",
        message: expect.stringContaining("/srv/.env:2"),
      }),
    ]);
  });

  it("[C4] a variable present in the real environment wins over .env, even when empty", () => {
    expect(
      mergeEnv({ A: "file", B: "file", C: "file" }, { A: "real", C: "", D: undefined }),
    ).toEqual({ A: "real", B: "file", C: "" });
  });
});
