import { connectDatabase, type DatabaseConnection } from "@/server/db/client";
import { loadCatalog } from "../../../../bench/search/load-catalog";
import { type SyntheticDid, syntheticCatalog } from "../../../../bench/search/synthetic-catalog";
import {
  createScratchPostgres,
  createScratchSqlite,
  type ScratchDatabase,
} from "../../../../prisma/lib/scratch-databases";

/**
 * The same generated catalog in a freshly migrated SQLite file and a fresh PostgreSQL database, for the
 * search integration tests. `rows` is what was loaded, for checking results against plain JavaScript.
 */
export interface TestCatalogs {
  rows: SyntheticDid[];
  sqlite: DatabaseConnection;
  postgres: DatabaseConnection;
  sqliteUrl: string;
  close(): Promise<void>;
}

export async function openTestCatalogs(label: string, count: number): Promise<TestCatalogs> {
  const scratches: ScratchDatabase[] = [];
  const connections: DatabaseConnection[] = [];
  const close = async () => {
    await Promise.all(connections.map((connection) => connection.client.$disconnect()));
    await Promise.all(scratches.map((scratch) => scratch.drop()));
  };
  try {
    const rows = [...syntheticCatalog(count)];
    const open = async (scratch: ScratchDatabase) => {
      scratches.push(scratch);
      await loadCatalog(scratch.url, rows);
      const connection = connectDatabase(scratch.url);
      connections.push(connection);
      return connection;
    };
    const sqliteScratch = await createScratchSqlite(label);
    const sqlite = await open(sqliteScratch);
    const postgres = await open(await createScratchPostgres(label));
    return { rows, sqlite, postgres, sqliteUrl: sqliteScratch.url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
