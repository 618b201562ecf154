import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import type { SqliteTarget } from "./database-url";
import type { Ledger, LedgerRow } from "./ledger";
import { LEDGER_COLUMNS, SQLITE_LEDGER_DDL } from "./ledger-sql";
import { requireFromPortal } from "./portal-modules";

/** Timestamps in the text form Prisma's engine writes into SQLite's `_prisma_migrations`. */
const isoTimestamp = () => new Date().toISOString().replace("Z", "+00:00");

/** Migration history and execution on one SQLite file. */
export function openSqliteLedger(target: Pick<SqliteTarget, "path">): Ledger {
  mkdirSync(dirname(target.path), { recursive: true });
  const Database = requireFromPortal("better-sqlite3") as typeof BetterSqlite3;
  const db = new Database(target.path, { timeout: 30_000 });
  // WAL lets the portal read while the indexer writes; the mode is stored in the file itself.
  db.pragma("journal_mode = WAL");

  return {
    async ensure() {
      db.exec(SQLITE_LEDGER_DDL);
    },
    async rows() {
      return db
        .prepare<[], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM "_prisma_migrations" ORDER BY "started_at"`)
        .all();
    },
    async apply(migration) {
      // Foreign keys off around the transaction (SQLite ignores the pragma inside one): a migration that
      // redefines a table drops the old one, and with enforcement on that DROP would cascade-delete rows
      // of the tables referencing it. foreign_key_check before COMMIT keeps the result consistent.
      db.pragma("foreign_keys = OFF");
      try {
        db.exec("BEGIN IMMEDIATE");
        try {
          // Another process may have applied it since rows() was read; the write lock now rules that out.
          const alreadyApplied = db
            .prepare(
              `SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = ? AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
            )
            .get(migration.name);
          if (alreadyApplied) {
            db.exec("ROLLBACK");
            return false;
          }
          const startedAt = isoTimestamp();
          db.exec(migration.script);
          const violations = db.pragma("foreign_key_check") as { table: string }[];
          if (violations.length > 0) {
            const tables = [...new Set(violations.map((v) => v.table))].join(", ");
            throw new Error(`it leaves ${violations.length} foreign key violation(s) in ${tables}`);
          }
          db.prepare(
            `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
             VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
          ).run(randomUUID(), migration.checksum, isoTimestamp(), migration.name, startedAt);
          db.exec("COMMIT");
          return true;
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      } finally {
        db.pragma("foreign_keys = ON");
      }
    },
    async close() {
      db.close();
    },
  };
}
