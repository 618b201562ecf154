import { migrate } from "../../../../prisma/migrate.mjs";
import { createScratchDatabase, type ScratchDatabase } from "../../../../prisma/lib/scratch-databases.mjs";

/**
 * A fresh, migrated catalog database, made the one the portal's modules use: call before the first
 * (dynamic) import of anything that imports @/server/db/client. SQLite unless
 * STAGING_TEST_DATABASE=postgresql (a scratch database on the local PostgreSQL).
 */
export async function useScratchDatabase(label: string): Promise<ScratchDatabase> {
  const provider = process.env.STAGING_TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
  const scratch = await createScratchDatabase(provider, label);
  await migrate({ databaseUrl: scratch.url, log: () => undefined });
  process.env.DATABASE_URL = scratch.url;
  return scratch;
}
