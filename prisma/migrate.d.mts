// Types of migrate.mjs for TypeScript importers (the portal and its tests).
export declare class MigrationError extends Error {}

export interface MigrateOptions {
  /** Defaults to DATABASE_URL, then to the SQLite file .local/portal.db. */
  databaseUrl?: string;
  /** Defaults to the provider's folder, prisma/sqlite/migrations or prisma/postgres/migrations. */
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface MigrateResult {
  /** Human-readable name of the database, password redacted. */
  database: string;
  provider: "sqlite" | "postgresql";
  /** Migrations this call applied, in order. */
  applied: string[];
  /** Migrations that were applied before this call. */
  alreadyApplied: string[];
}

export declare function migrate(options?: MigrateOptions): Promise<MigrateResult>;
