import { openPostgresLedger } from "./postgres-ledger.mjs";
import { openSqliteLedger } from "./sqlite-ledger.mjs";

/**
 * One row of `_prisma_migrations`, the columns the migrator reads.
 * @typedef {{
 *   migration_name: string, checksum: string, logs: string | null,
 *   started_at: string | Date, finished_at: string | Date | null, rolled_back_at: string | Date | null,
 * }} LedgerRow
 *
 * The migration history of one database and the means to extend it.
 * @typedef {{
 *   ensure(): Promise<void>,
 *   rows(): Promise<LedgerRow[]>,
 *   apply(migration: import("./migration-files.mjs").MigrationFile): Promise<boolean>,
 *   close(): Promise<void>,
 * }} Ledger
 * `apply` runs the script and records it in one transaction; false when another process applied it first.
 */

/**
 * @param {import("./database-url.mjs").DatabaseTarget} target
 * @returns {Promise<Ledger>}
 */
export async function openLedger(target) {
  return target.provider === "sqlite" ? openSqliteLedger(target) : openPostgresLedger(target);
}
