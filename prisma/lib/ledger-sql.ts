// `_prisma_migrations` exactly as Prisma's schema engine creates it, so that `prisma migrate deploy`
// (where the native engine exists) and this project's migrator read and write the same history.

export const SQLITE_LEDGER_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

export const POSTGRES_LEDGER_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export const LEDGER_COLUMNS = `"migration_name", "checksum", "started_at", "finished_at", "rolled_back_at", "logs"`;

/** The key Prisma's engine takes `pg_advisory_lock` on while migrating: the two migrators exclude each other. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;
