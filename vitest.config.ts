import { defineConfig } from "vitest/config";

const ci = process.env.CI === "true";
const timeouts = { testTimeout: ci ? 60_000 : 30_000, hookTimeout: ci ? 60_000 : 30_000 };

export default defineConfig({
  test: {
    pool: "forks",
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
    projects: [
      {
        extends: true,
        test: {
          name: "unit+integration",
          include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
          ...timeouts,
        },
      },
      {
        // Browser tests drive the built dashboard in Debian Chromium, one file at a time.
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: ci ? 120_000 : 60_000,
          hookTimeout: ci ? 120_000 : 60_000,
        },
      },
    ],
  },
});
