import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // nodejs-polars is a native addon: separate processes are safer than worker threads.
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
