import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The fault tests of `npm run test:resilience` (scripts/test-resilience.sh), kept out of `npm test`:
// they stop and start a Rucio of their own and take minutes.
export default defineConfig({
  root: here("../.."),
  resolve: {
    alias: {
      "server-only": here("../../scripts/vitest/empty-module.ts"),
      "@/": here("../../portal/"),
    },
  },
  test: {
    name: "resilience",
    include: ["bench/resilience/**/*.resilience.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
