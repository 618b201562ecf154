import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { env } from "@/server/env";
import { type DatabaseTarget, resolveDatabaseUrl } from "./database-url";

/**
 * The one place that creates the Prisma client. Prisma generates one client per provider (a client
 * refuses an adapter of another provider), both from the same models; the SQLite client's type is
 * the API both share, so code that type-checks against it runs on either database.
 */
export type Database = SqliteClient;
export type DatabaseProvider = DatabaseTarget["provider"];
export type DatabaseConnection = { provider: DatabaseProvider; client: Database };

export type {
  Account,
  Did,
  IndexCheckpoint,
  Prisma,
  RucioInstance,
  Scope,
  Session,
  StagingEvent,
  StagingRequest,
  User,
  VerificationToken,
  Watch,
  WatchMatch,
} from "@/generated/sqlite/client";

/** SQLite waits this long for another connection's write lock (the indexer's batches) before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 15_000;

type SqliteAdapterFactory = InstanceType<typeof PrismaBetterSqlite3>;

/**
 * Prisma opens SQLite transactions with a deferred BEGIN. An upsert reads, then writes; if another
 * process (the indexer, the portal's event stream) commits in between, SQLite refuses the write at once
 * (SQLITE_BUSY_SNAPSHOT, no busy wait). Every transaction Prisma opens here writes, so it takes the write
 * lock at BEGIN IMMEDIATE instead, where the busy timeout applies.
 */
function withImmediateTransactions(factory: SqliteAdapterFactory): SqliteAdapterFactory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const sqlite = (adapter as unknown as { client?: { prepare: (sql: string) => unknown } }).client;
    if (!sqlite) throw new Error("the SQLite adapter no longer exposes its connection: cannot begin immediately");
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  };
  return factory;
}

/** A new client for `databaseUrl`; the app uses `db` below, tests and scripts call this directly. */
export function connectDatabase(databaseUrl: string): DatabaseConnection {
  const target = resolveDatabaseUrl(databaseUrl);
  if (target.provider === "sqlite") {
    const adapter = withImmediateTransactions(
      new PrismaBetterSqlite3({ url: target.url, timeout: SQLITE_BUSY_TIMEOUT_MS }),
    );
    return { provider: "sqlite", client: new SqliteClient({ adapter }) };
  }
  // connection_limit caps this process's pool (node-postgres' `max`; its default is 10).
  const pool = { connectionString: target.url, ...(target.connectionLimit ? { max: target.connectionLimit } : {}) };
  const adapter = new PrismaPg(pool, target.schema ? { schema: target.schema } : undefined);
  // Same models, so the same delegates; only PostgreSQL-only options (e.g. `mode: "insensitive"`) differ.
  return { provider: "postgresql", client: new PostgresClient({ adapter }) as unknown as Database };
}

// Next.js re-evaluates modules on hot reload; keeping the connection on globalThis avoids a new pool each time.
const globalCache = globalThis as typeof globalThis & { rucioCatalogDatabase?: DatabaseConnection };
const connection = (globalCache.rucioCatalogDatabase ??= connectDatabase(env.DATABASE_URL));

/** The portal's database client (connects lazily on first query). */
export const db: Database = connection.client;
/** Which SQL dialect `db` speaks, for the modules that issue raw SQL (full-text search). */
export const databaseProvider: DatabaseProvider = connection.provider;
