import { migrate } from "../prisma/migrate";
import { createScratchDatabase, type ScratchDatabase } from "../prisma/lib/scratch-databases";

// The tests' one way to a throwaway database. The databases themselves are made by prisma/lib (its
// migration diffs need them too); tests take them from here.
export {
  createScratchDatabase,
  createScratchPostgres,
  createScratchSqlite,
  type ScratchDatabase,
} from "../prisma/lib/scratch-databases";

/**
 * Which database the portal's integration suites run on: SQLite unless PORTAL_TEST_DATABASE=postgresql
 * (scratch databases on the local PostgreSQL; `npm test` runs those suites once more that way).
 */
export function testDatabaseProvider(): "sqlite" | "postgresql" {
  const wanted = process.env.PORTAL_TEST_DATABASE ?? "sqlite";
  if (wanted !== "sqlite" && wanted !== "postgresql")
    throw new Error(`PORTAL_TEST_DATABASE must be sqlite or postgresql, got "${wanted}"`);
  return wanted;
}

/**
 * A fresh, migrated catalog database on the provider above, made the one the portal's modules use:
 * call before the first (dynamic) import of anything that imports @/server/db/client.
 */
export async function useScratchDatabase(label: string): Promise<ScratchDatabase> {
  const scratch = await createScratchDatabase(testDatabaseProvider(), label);
  await migrate({ databaseUrl: scratch.url, log: () => undefined });
  process.env.DATABASE_URL = scratch.url;
  return scratch;
}
