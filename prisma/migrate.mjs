#!/usr/bin/env node
// Applies the committed SQL migrations of the provider DATABASE_URL selects, keeping the history in
// `_prisma_migrations` the way Prisma does. Run as `npm run db:migrate`, or import `migrate`.
import { describeTarget, resolveDatabaseUrl } from "./lib/database-url.mjs";
import { openLedger } from "./lib/ledger.mjs";
import { isMainModule } from "./lib/main-module.mjs";
import { readMigrations } from "./lib/migration-files.mjs";
import { MigrationError, planMigrations } from "./lib/plan.mjs";
import { migrationsPath } from "./lib/schemas.mjs";

export { MigrationError };

/**
 * @param {{ databaseUrl?: string, migrationsDir?: string, log?: (line: string) => void }} [options]
 *   databaseUrl defaults to DATABASE_URL, then to the SQLite file .local/portal.db;
 *   migrationsDir defaults to the provider's folder under prisma/.
 * @returns {Promise<{ database: string, provider: "sqlite" | "postgresql", applied: string[], alreadyApplied: string[] }>}
 */
export async function migrate({ databaseUrl = process.env.DATABASE_URL, migrationsDir, log = () => {} } = {}) {
  const target = resolveDatabaseUrl(databaseUrl);
  const migrations = readMigrations(migrationsDir ?? migrationsPath(target.provider), target.provider);
  const ledger = await openLedger(target);
  try {
    await ledger.ensure();
    const plan = planMigrations(migrations, await ledger.rows());
    for (const name of plan.unknown) {
      log(`warning: ${name} is applied in the database but is not among the migration files`);
    }
    const applied = [];
    for (const migration of plan.pending) {
      try {
        if (await ledger.apply(migration)) {
          applied.push(migration.name);
          log(`applied ${migration.name}`);
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back (${migration.file}):\n${reason}`);
      }
    }
    return { database: describeTarget(target), provider: target.provider, applied, alreadyApplied: plan.applied };
  } finally {
    await ledger.close();
  }
}

if (isMainModule(import.meta.url)) {
  try {
    const result = await migrate({ log: (line) => console.log(line) });
    const total = result.applied.length + result.alreadyApplied.length;
    console.log(
      result.applied.length > 0
        ? `${result.database}: applied ${result.applied.length} migration(s); ${total} in total.`
        : `${result.database}: up to date (${total} migration(s)).`,
    );
  } catch (error) {
    console.error(error instanceof MigrationError ? error.message : error);
    process.exitCode = 1;
  }
}
