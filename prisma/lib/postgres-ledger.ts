import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";
import type { PostgresTarget } from "./database-url";
import type { Ledger, LedgerRow } from "./ledger";
import { LEDGER_COLUMNS, POSTGRES_LEDGER_DDL, PRISMA_ADVISORY_LOCK_KEY } from "./ledger-sql";
import { requireFromPortal } from "./portal-modules";

const LOCK_WAIT_MS = 60_000;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Migration history and execution on one PostgreSQL database (and schema), holding Prisma's migration
 * advisory lock from open to close.
 */
export async function openPostgresLedger(target: Pick<PostgresTarget, "url" | "schema">): Promise<Ledger> {
  const { Client } = requireFromPortal("pg") as typeof pg;
  const client = new Client({ connectionString: target.url });
  await client.connect();
  try {
    if (target.schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.schema)}`);
      await client.query(`SET search_path TO ${quoteIdent(target.schema)}`);
    }
    await acquireMigrationLock(client);
  } catch (error) {
    await client.end();
    throw error;
  }

  return {
    async ensure() {
      await client.query(POSTGRES_LEDGER_DDL);
    },
    async rows() {
      const result = await client.query<LedgerRow>(
        `SELECT ${LEDGER_COLUMNS} FROM "_prisma_migrations" ORDER BY "started_at"`,
      );
      return result.rows;
    },
    async apply(migration) {
      await client.query("BEGIN");
      try {
        const startedAt = new Date();
        // Without parameters node-postgres uses the simple query protocol, which runs a multi-statement script.
        await client.query(migration.script);
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
        return true;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async close() {
      try {
        await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
      } finally {
        await client.end();
      }
    },
  };
}

async function acquireMigrationLock(client: pg.Client): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      PRISMA_ADVISORY_LOCK_KEY,
    ]);
    if (rows[0]?.locked) return;
    if (Date.now() > deadline) {
      throw new Error(`another migration has held the PostgreSQL migration lock for over ${LOCK_WAIT_MS / 1000} s`);
    }
    await sleep(250);
  }
}
