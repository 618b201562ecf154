import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// `server-only` throws outside React Server Components; in tests the server modules run in plain Node.
const resolve = {
  alias: {
    "server-only": here("./scripts/vitest/empty-module.ts"),
    "@/": here("./portal/"),
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: "unit",
          include: ["{portal,protocol,extension,prisma}/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/*.int.test.ts"],
        },
      },
      {
        resolve,
        test: {
          name: "integration",
          include: ["{portal,prisma}/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: [here("./scripts/vitest/rucio-global-setup.ts")],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
