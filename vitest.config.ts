import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests may use the demo's defaults (development secret, root service identity): production refuses them.
const env = { PORTAL_DEPLOYMENT: "test" };

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
          env,
          include: ["{portal,protocol,extension,prisma}/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/*.int.test.ts"],
        },
      },
      {
        resolve,
        test: {
          name: "integration",
          env,
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
