// `npm run db:generate`: renders both schemas from prisma/models.prisma, then runs `prisma generate` for
// each provider (clients in portal/generated/<provider>/). Works offline: see nativeEngineEnv().
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { repoRoot } from "./lib/database-url";
import { isMainModule } from "./lib/main-module";
import { requireFromPortal } from "./lib/portal-modules";
import { PROVIDERS, PROVIDER_DIRS, prismaDir } from "./lib/schemas";
import { renderSchemas } from "./render-schemas";

const prismaPackageDir = dirname(requireFromPortal.resolve("prisma/package.json"));

/**
 * The Prisma CLI fetches its native schema engine at start-up when it is missing, even for `generate`,
 * which never runs it; offline that fetch fails. When no engine is installed (and the caller named
 * none), point PRISMA_SCHEMA_ENGINE_BINARY at a stand-in so the CLI skips the fetch. Where the engine
 * exists, or a plain `npx prisma ...` runs online, Prisma behaves as usual.
 */
export function nativeEngineEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env.PRISMA_SCHEMA_ENGINE_BINARY || findNativeEngine()) return env;
  return { ...env, PRISMA_SCHEMA_ENGINE_BINARY: join(prismaDir, "schema-engine-unavailable.mjs") };
}

/** Where the CLI looks for a downloaded engine: the @prisma/engines package and the CLI's own folder. */
export function findNativeEngine(): string | undefined {
  const enginesDir = dirname(
    createRequire(join(prismaPackageDir, "package.json")).resolve("@prisma/engines/package.json"),
  );
  for (const dir of [enginesDir, prismaPackageDir]) {
    if (!existsSync(dir)) continue;
    const engine = readdirSync(dir).find(
      (file) => /^schema-engine-[\w.-]+$/.test(file) && !/\.(gz|sha256)$/.test(file),
    );
    if (engine) return join(dir, engine);
  }
  return undefined;
}

export function generateClients(): void {
  renderSchemas();
  const cli = join(prismaPackageDir, "build/index.js");
  const env = nativeEngineEnv();
  for (const provider of PROVIDERS) {
    const config = join(prismaDir, PROVIDER_DIRS[provider], "prisma.config.ts");
    const run = spawnSync(process.execPath, [cli, "generate", "--config", config], {
      cwd: repoRoot,
      env,
      stdio: "inherit",
    });
    if (run.status !== 0) throw new Error(`prisma generate failed for ${provider} (exit ${run.status ?? run.signal})`);
  }
}

if (isMainModule(import.meta.url)) {
  try {
    generateClients();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
