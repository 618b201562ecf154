// Applies the committed SQL migrations of the provider DATABASE_URL selects, keeping the history in
// `_prisma_migrations` the way Prisma does. Run as `npm run db:migrate`, or import `migrate`.
import { describeTarget, resolveDatabaseUrl } from "./lib/database-url";
import { openLedger } from "./lib/ledger";
import { isMainModule } from "./lib/main-module";
import { readMigrations } from "./lib/migration-files";
import { MigrationError, planMigrations } from "./lib/plan";
import { migrationsPath, type Provider } from "./lib/schemas";

export { MigrationError };

export type MigrateOptions = {
  /** Defaults to DATABASE_URL, then to the SQLite file .local/portal.db. */
  databaseUrl?: string;
  /** Defaults to the provider's folder, prisma/sqlite/migrations or prisma/postgres/migrations. */
  migrationsDir?: string;
  log?: (line: string) => void;
};

export type MigrateResult = {
  /** Human-readable name of the database, password redacted. */
  database: string;
  provider: Provider;
  /** Migrations this call applied, in order. */
  applied: string[];
  /** Migrations that were applied before this call. */
  alreadyApplied: string[];
};

export async function migrate({
  databaseUrl = process.env.DATABASE_URL,
  migrationsDir,
  log = () => {},
}: MigrateOptions = {}): Promise<MigrateResult> {
  const target = resolveDatabaseUrl(databaseUrl);
  const migrations = readMigrations(migrationsDir ?? migrationsPath(target.provider), target.provider);
  const ledger = await openLedger(target);
  try {
    await ledger.ensure();
    const plan = planMigrations(migrations, await ledger.rows());
    for (const name of plan.unknown) {
      log(`warning: ${name} is applied in the database but is not among the migration files`);
    }
    const applied: string[] = [];
    for (const migration of plan.pending) {
      try {
        if (await ledger.apply(migration)) {
          applied.push(migration.name);
          log(`applied ${migration.name}`);
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(
          `Migration ${migration.name} failed and was rolled back (${migration.file}):\n${reason}`,
        );
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
