/**
 * The tasks the demo seeds: different types, priorities and wording, so the
 * focus scoring and the profile matching pick different answers for them.
 */
import type { NewIssue } from "../domain/issue.js";

/** A seeded task; every one starts Open and ends in the project's success status. */
export type DemoTask = NewIssue & { title: string; description: string };

export const DEMO_TASKS: readonly DemoTask[] = [
  {
    title: "greet() returns 'Hello, !' for an empty name",
    description:
      'Calling `greet("")` in src/greet.ts prints `Hello, !`. It should fall back to `Hello, friend!`.',
    type: "bug",
    priority: 1,
    labels: ["bug"],
  },
  {
    title: "Add a farewell() function",
    description:
      "Add `farewell(name)` next to `greet(name)` in src/greet.ts, returning `Goodbye, <name>!`.",
    type: "feature",
    priority: 2,
    labels: ["enhancement"],
  },
  {
    title: "Document greet() in the README",
    description: "The README shows one example only. Add a short API section documenting greet().",
    type: "task",
    priority: 3,
    labels: ["documentation"],
  },
  {
    title: "Fix typo 'libary' in the README",
    description: "The README says 'libary' instead of 'library'.",
    type: "chore",
    priority: 4,
    labels: ["typo"],
  },
  {
    title: "Add a test for greet() with an empty name",
    description: "test/greet.test.ts covers the happy path only; add a test for the empty name.",
    type: "task",
    priority: 2,
    labels: ["test"],
  },
];
