import "server-only";
import type { Database, DatabaseProvider } from "@/server/db/client";
import { databaseTimestamp as iso, type DidRow } from "./did-row";

/**
 * The indexer's writes to the `Did` table, in both SQL dialects. A batch travels as ONE JSON parameter
 * that the database unpacks itself (SQLite `json_each`, PostgreSQL `jsonb_to_recordset`): no statement
 * with thousands of placeholders, no per-row round trip, and every value stays a bound parameter.
 */
export type Executor = Pick<Database, "$executeRawUnsafe" | "$queryRawUnsafe">;

/** The columns of a DidRow, with their PostgreSQL types. */
export const DID_ROW_COLUMNS = [
  ["name", "text"],
  ["didType", "text"],
  ["bytes", "bigint"],
  ["length", "integer"],
  ["events", "bigint"],
  ["rucioCreatedAt", "timestamp(3)"],
  ["rucioUpdatedAt", "timestamp(3)"],
  ["account", "text"],
  ["availability", "text"],
  ["meta", "text"],
  ["project", "text"],
  ["datatype", "text"],
  ["runNumber", "integer"],
  ["streamName", "text"],
  ["prodStep", "text"],
  ["version", "text"],
  ["campaign", "text"],
  ["searchText", "text"],
] as const satisfies readonly (readonly [keyof DidRow, string])[];

const quoted = (column: string) => `"${column}"`;
const CONTENT = DID_ROW_COLUMNS.filter(([column]) => column !== "name").map(([column]) => column);
/** The columns an upsert sets: instance, scope, a DidRow's, indexedAt, lastSeenAt (in that order). */
export const INSERTED_COLUMNS = [
  "instance",
  "scope",
  ...DID_ROW_COLUMNS.map(([column]) => column),
  "indexedAt",
  "lastSeenAt",
]
  .map(quoted)
  .join(", ");
// A DID whose content is unchanged is not rewritten: no full-text index churn, and the written count says what changed.
export const ON_CONFLICT =
  `ON CONFLICT ("instance", "scope", "name") DO UPDATE SET ` +
  [...CONTENT, "indexedAt", "lastSeenAt"].map((column) => `${quoted(column)} = excluded.${quoted(column)}`).join(", ") +
  ` WHERE ` +
  CONTENT.map((column) => `"Did".${quoted(column)} IS DISTINCT FROM excluded.${quoted(column)}`).join(" OR ");

/** SQLite: a DidRow's values from `r`, an element of jsonb_each over a JSON array of rows. */
export const SQLITE_ROW_VALUES = DID_ROW_COLUMNS.map(([column]) => `r.value ->> '$.${column}'`).join(", ");
/** PostgreSQL: a JSON array of DidRow (the jsonb expression `json`) as the record set `r`, and a row's values. */
export const postgresRecordset = (json: string) =>
  `jsonb_to_recordset(${json}) AS r(` +
  DID_ROW_COLUMNS.map(([column, type]) => `${quoted(column)} ${type}`).join(", ") +
  `)`;
export const POSTGRES_ROW_VALUES = DID_ROW_COLUMNS.map(([column]) =>
  column === "meta" ? `r."meta"::jsonb` : `r.${quoted(column)}`,
).join(", ");

const SQLITE_UPSERT =
  `INSERT INTO "Did" (${INSERTED_COLUMNS}) SELECT ?, ?, ${SQLITE_ROW_VALUES}, ?, ? ` +
  // `WHERE true` resolves SQLite's parsing ambiguity between a SELECT's join and the upsert's ON.
  // jsonb_each hands each row over as binary JSON: extracting 18 fields from text JSON re-parsed it 18 times.
  `FROM jsonb_each(?) AS r WHERE true ${ON_CONFLICT}`;

const POSTGRES_UPSERT =
  `INSERT INTO "Did" (${INSERTED_COLUMNS}) SELECT $1::text, $2::text, ${POSTGRES_ROW_VALUES}, ` +
  `$3::timestamp(3), $4::timestamp(3) FROM ${postgresRecordset("$5::jsonb")} ${ON_CONFLICT}`;

export interface DidStore {
  /**
   * Inserts the rows that are new and rewrites those whose content differs, and marks every row of the
   * batch as seen at `seenAt`. Returns how many rows were inserted or rewritten.
   */
  writeBatch(tx: Executor, scope: ScopeKey, rows: DidRow[], seenAt: Date): Promise<number>;
  /** Marks the scope's rows named in `names` (a JSON array) seen at `seenAt`, for rows an upsert left unchanged. */
  markSeen(tx: Executor, scope: ScopeKey, seenAt: Date, names: string): Promise<number>;
  /** Which of `names` were already marked seen at or after `since` (written by the interrupted part of a run). */
  seenSince(db: Executor, scope: ScopeKey, names: string[], since: Date): Promise<Set<string>>;
  /**
   * Deletes the scope's rows not seen since `seenAt` (the start of a completed full sweep). Both writes
   * raise the catalog's version when they change a row: call them inside the caller's transaction.
   */
  deleteUnseen(db: Executor, scope: ScopeKey, seenAt: Date): Promise<number>;
  /** Deletes the scope's rows named in `names` (DIDs Rucio erased). */
  deleteNamed(db: Executor, scope: ScopeKey, names: string[]): Promise<number>;
}

export interface ScopeKey {
  instance: string;
  scope: string;
}

/** The searches' ETags and count caches follow this version, in every portal process (CatalogState). */
const RAISE_CATALOG_VERSION = `UPDATE "CatalogState" SET "version" = "version" + 1 WHERE "id" = 1`;

/** Raises the catalog's version in the caller's transaction when it changed rows; returns their number. */
export async function raiseVersionIfChanged(tx: Executor, changed: number): Promise<number> {
  if (changed > 0) await tx.$executeRawUnsafe(RAISE_CATALOG_VERSION);
  return changed;
}

/**
 * writeBatch from a dialect's upsert (parameters: instance, scope, indexedAt, lastSeenAt, the rows as JSON)
 * and its update of the seen mark alone, for rows the upsert left unchanged (`names`: their names as JSON).
 */
function batchWriter(upsert: string, markSeen: DidStore["markSeen"]): DidStore["writeBatch"] {
  return async (tx, scope, rows, seenAt) => {
    const written = await tx.$executeRawUnsafe(
      upsert,
      scope.instance,
      scope.scope,
      iso(new Date()),
      iso(seenAt),
      JSON.stringify(rows),
    );
    await raiseVersionIfChanged(tx, written);
    if (written === rows.length) return written; // every row was inserted or rewritten, seen mark included
    await markSeen(tx, scope, seenAt, JSON.stringify(rows.map((row) => row.name)));
    return written;
  };
}

function sqliteStore(): DidStore {
  const markSeen: DidStore["markSeen"] = (tx, { instance, scope }, seenAt, names) =>
    tx.$executeRawUnsafe(
      `UPDATE "Did" SET "lastSeenAt" = ? WHERE "instance" = ? AND "scope" = ? AND "lastSeenAt" <> ? ` +
        `AND "name" IN (SELECT value FROM json_each(?))`,
      iso(seenAt),
      instance,
      scope,
      iso(seenAt),
      names,
    );
  return {
    writeBatch: batchWriter(SQLITE_UPSERT, markSeen),
    markSeen,
    async seenSince(db, { instance, scope }, names, since) {
      const rows = await db.$queryRawUnsafe<{ name: string }[]>(
        `SELECT "name" FROM "Did" WHERE "instance" = ? AND "scope" = ? AND "lastSeenAt" >= ? ` +
          `AND "name" IN (SELECT value FROM json_each(?))`,
        instance,
        scope,
        iso(since),
        JSON.stringify(names),
      );
      return new Set(rows.map((row) => row.name));
    },
    deleteUnseen: (db, { instance, scope }, seenAt) =>
      db.$executeRawUnsafe(
        `DELETE FROM "Did" WHERE "instance" = ? AND "scope" = ? AND "lastSeenAt" < ?`,
        instance,
        scope,
        iso(seenAt),
      ),
    deleteNamed: (db, { instance, scope }, names) =>
      db.$executeRawUnsafe(
        `DELETE FROM "Did" WHERE "instance" = ? AND "scope" = ? AND "name" IN (SELECT value FROM json_each(?))`,
        instance,
        scope,
        JSON.stringify(names),
      ),
  };
}

/**
 * Ids of the scope's rows named in the JSON array $4 ($2 instance, $3 scope) that match `condition` (on
 * d."lastSeenAt"), as one unique-index lookup per name: LATERAL … LIMIT 1 is never flattened into a join.
 * While a first run fills the table its statistics are stale, and for `"name" IN (SELECT
 * jsonb_array_elements_text(…))` PostgreSQL chose a nested loop that re-expanded the array for every row
 * of the scope (7 s per 1000 names at 50,000 rows, instead of milliseconds).
 */
const POSTGRES_ROWS_BY_NAME = (condition: string) =>
  `SELECT d."id" FROM jsonb_array_elements_text($4::jsonb) AS n("name") CROSS JOIN LATERAL ` +
  `(SELECT "id", "lastSeenAt" FROM "Did" WHERE "instance" = $2 AND "scope" = $3 AND "name" = n."name" LIMIT 1) AS d ` +
  `WHERE ${condition}`;

function postgresStore(): DidStore {
  const markSeen: DidStore["markSeen"] = (tx, { instance, scope }, seenAt, names) =>
    tx.$executeRawUnsafe(
      `UPDATE "Did" SET "lastSeenAt" = $1::timestamp(3) WHERE "id" IN (${POSTGRES_ROWS_BY_NAME(`d."lastSeenAt" <> $1::timestamp(3)`)})`,
      iso(seenAt),
      instance,
      scope,
      names,
    );
  return {
    writeBatch: batchWriter(POSTGRES_UPSERT, markSeen),
    markSeen,
    async seenSince(db, { instance, scope }, names, since) {
      const rows = await db.$queryRawUnsafe<{ name: string }[]>(
        `SELECT "name" FROM "Did" WHERE "id" IN (${POSTGRES_ROWS_BY_NAME(`d."lastSeenAt" >= $1::timestamp(3)`)})`,
        iso(since),
        instance,
        scope,
        JSON.stringify(names),
      );
      return new Set(rows.map((row) => row.name));
    },
    deleteUnseen: (db, { instance, scope }, seenAt) =>
      db.$executeRawUnsafe(
        `DELETE FROM "Did" WHERE "instance" = $1 AND "scope" = $2 AND "lastSeenAt" < $3::timestamp(3)`,
        instance,
        scope,
        iso(seenAt),
      ),
    deleteNamed: (db, { instance, scope }, names) =>
      db.$executeRawUnsafe(
        // ARRAY(…) is computed once, then one unique-index probe per name.
        `DELETE FROM "Did" WHERE "instance" = $1 AND "scope" = $2 AND "name" = ANY(ARRAY(SELECT jsonb_array_elements_text($3::jsonb)))`,
        instance,
        scope,
        JSON.stringify(names),
      ),
  };
}

export function didStoreFor(provider: DatabaseProvider): DidStore {
  const store = provider === "sqlite" ? sqliteStore() : postgresStore();
  return {
    ...store,
    deleteUnseen: async (tx, scope, seenAt) => raiseVersionIfChanged(tx, await store.deleteUnseen(tx, scope, seenAt)),
    deleteNamed: async (tx, scope, names) => raiseVersionIfChanged(tx, await store.deleteNamed(tx, scope, names)),
  };
}
