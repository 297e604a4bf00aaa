/**
 * The files of the demo's sample repository: a tiny TypeScript library with a
 * README, a known bug, a typo and a missing test, so that each seeded task
 * (tasks.ts) refers to something real in the code.
 */

/** Repository-relative path → file content. */
export const SAMPLE_FILES: Readonly<Record<string, string>> = {
  "README.md": [
    "# tiny-greeter",
    "",
    "A tiny TypeScript libary that greets people by name.",
    "",
    "```ts",
    'import { greet } from "./src/greet.js";',
    'greet("Ada"); // "Hello, Ada!"',
    "```",
    "",
  ].join("\n"),
  "package.json":
    JSON.stringify(
      {
        name: "tiny-greeter",
        version: "0.1.0",
        type: "module",
        scripts: { test: "node --test" },
      },
      null,
      2,
    ) + "\n",
  "src/greet.ts": [
    "/** Greets someone by name. */",
    "export function greet(name: string): string {",
    "  return `Hello, ${name}!`;",
    "}",
    "",
  ].join("\n"),
  "test/greet.test.ts": [
    'import { strictEqual } from "node:assert";',
    'import { test } from "node:test";',
    'import { greet } from "../src/greet.js";',
    "",
    'test("greets by name", () => {',
    '  strictEqual(greet("Ada"), "Hello, Ada!");',
    "});",
    "",
  ].join("\n"),
  ".gitignore": "node_modules/\n",
  ".oompah/tasks/config.yml": "task_prefix: DEMO\n",
  ".oompah/tasks/open/.gitkeep": "",
};
