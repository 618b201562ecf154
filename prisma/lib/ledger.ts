import type { DatabaseTarget } from "./database-url";
import type { MigrationFile } from "./migration-files";
import { openPostgresLedger } from "./postgres-ledger";
import { openSqliteLedger } from "./sqlite-ledger";

/** One row of `_prisma_migrations`, the columns the migrator reads. */
export type LedgerRow = {
  migration_name: string;
  checksum: string;
  logs: string | null;
  started_at: string | Date;
  finished_at: string | Date | null;
  rolled_back_at: string | Date | null;
};

/** The migration history of one database and the means to extend it. */
export type Ledger = {
  ensure(): Promise<void>;
  rows(): Promise<LedgerRow[]>;
  /** Runs the script and records it in one transaction; false when another process applied it first. */
  apply(migration: MigrationFile): Promise<boolean>;
  close(): Promise<void>;
};

export async function openLedger(target: DatabaseTarget): Promise<Ledger> {
  return target.provider === "sqlite" ? openSqliteLedger(target) : openPostgresLedger(target);
}
