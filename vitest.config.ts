import { defineConfig } from "vitest/config";

const ci = process.env.CI === "true";

export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    testTimeout: ci ? 60_000 : 30_000,
    hookTimeout: ci ? 60_000 : 30_000,
    pool: "forks",
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
  },
});
