import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { resolveDatabaseUrl } from "./lib/database-url";
import { migrationsPath, PROVIDERS, schemaPath } from "./lib/schemas";
import { deployWithPrismaEngine } from "./lib/wasm-schema-engine";
import { migrate } from "./migrate";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-database";

// Prisma's schema engine (the WebAssembly build of the native one) and prisma/migrate.ts must read and
// write `_prisma_migrations` the same way, so that either can take over from the other.
describe.each(PROVIDERS)("migration history on %s", (provider) => {
  let scratch: ScratchDatabase;
  afterEach(() => scratch.drop());

  const schema = () => ({ path: schemaPath(provider), content: readFileSync(schemaPath(provider), "utf8") });
  const prismaDeploy = () =>
    deployWithPrismaEngine(resolveDatabaseUrl(scratch.url), schema(), migrationsPath(provider));

  it("written by migrate.ts leaves Prisma's `migrate deploy` nothing to do", async () => {
    scratch = await createScratchDatabase(provider, "compat");
    const ours = await migrate({ databaseUrl: scratch.url });
    expect(ours.applied.length).toBeGreaterThan(0);
    expect(await prismaDeploy()).toEqual([]);
  });

  it("written by Prisma's `migrate deploy` leaves migrate.ts nothing to do", async () => {
    scratch = await createScratchDatabase(provider, "compat");
    const applied = await prismaDeploy();
    expect(applied.length).toBeGreaterThan(0);
    await expect(migrate({ databaseUrl: scratch.url })).resolves.toMatchObject({
      applied: [],
      alreadyApplied: applied,
    });
  });
});
