import "server-only";
import { afterAll, beforeAll } from "vitest";
import { migrate } from "../../../prisma/migrate";
import { connectDatabase, type DatabaseConnection } from "./client";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "../../../testing/scratch-database";

// Support for integration suites that run once on each database provider the catalog supports.

/** For `describe.each`: each provider's name and a maker of scratch databases labelled `label`. */
export function eachProvider(label: string): { name: string; create: () => Promise<ScratchDatabase> }[] {
  return [
    { name: "SQLite", create: () => createScratchSqlite(label) },
    { name: "PostgreSQL", create: () => createScratchPostgres(label) },
  ];
}

/**
 * Registers the suite's hooks: before all, a database from `create`, migrated, connected and handed
 * to `opened` with its URL (to keep, or to fill); after all, disconnected and dropped.
 */
export function useMigratedDatabase(
  create: () => Promise<ScratchDatabase>,
  opened: (connection: DatabaseConnection, url: string) => void | Promise<void>,
): void {
  let scratch: ScratchDatabase | undefined;
  let connection: DatabaseConnection | undefined;
  beforeAll(async () => {
    scratch = await create();
    await migrate({ databaseUrl: scratch.url });
    connection = connectDatabase(scratch.url);
    await opened(connection, scratch.url);
  });
  afterAll(async () => {
    await connection?.client.$disconnect();
    await scratch?.drop();
  });
}
