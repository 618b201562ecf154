import "server-only";
import type { DatabaseProvider } from "@/server/db/client";
import { databaseTimestamp as iso, type DidRow } from "./did-row";
import {
  INSERTED_COLUMNS,
  ON_CONFLICT,
  POSTGRES_ROW_VALUES,
  postgresRecordset,
  raiseVersionIfChanged,
  SQLITE_ROW_VALUES,
  type DidStore,
  type Executor,
  type ScopeKey,
} from "./did-store";

/**
 * The bulk path of a scope's first index. Each batch read from Rucio is written as ONE row of the load
 * table `DidLoad` (its rows as JSON text: no index on them, no full-text work), committed with the
 * checkpoint's progress; `publish` then moves a chunk of many batches into `Did` in one set-based
 * statement with exactly the upsert of DidStore.writeBatch, so the rows, the full-text index (kept by its
 * trigger on SQLite, its GIN index on PostgreSQL), the change log (DidChange, by trigger) and the
 * catalog's version end as the normal path leaves them.
 */
export interface LoadChunk {
  firstId: number;
  lastId: number;
  /** DIDs in the chunk's batches. */
  dids: number;
}

export interface LoadTable {
  /** Appends a batch; `loadedAt` becomes its rows' indexedAt. */
  load(tx: Executor, scope: ScopeKey, rows: DidRow[], loadedAt: Date): Promise<void>;
  /** The oldest loaded batches holding about `dids` DIDs (at least one batch), or null when none is left. */
  nextChunk(db: Executor, scope: ScopeKey, dids: number): Promise<LoadChunk | null>;
  /**
   * Moves a chunk into `Did` (rows marked seen at `seenAt`), deletes it from the load table and raises the
   * catalog's version when rows changed; call inside the caller's transaction. Returns the rows written.
   */
  publish(tx: Executor, scope: ScopeKey, chunk: LoadChunk, seenAt: Date): Promise<number>;
  /** DIDs loaded and not published yet. */
  pending(db: Executor, scope: ScopeKey): Promise<number>;
  /** Deletes what an abandoned run left loaded. */
  clear(db: Executor, scope: ScopeKey): Promise<number>;
  /**
   * Settings for one of the indexer's write transactions. PostgreSQL: no wait for the WAL flush at commit
   * (a server crash may lose the last commits, but each holds its rows with the checkpoint's progress, so
   * the next run resumes before them), and memory for the publish statement's sort.
   */
  tuneTransaction(tx: Executor): Promise<void>;
}

const CHUNK_CANDIDATES = 1000;

const toNumber = (value: unknown) => Number(value ?? 0);

function chunkOf(batches: { id: unknown; didCount: unknown }[], dids: number): LoadChunk | null {
  const first = batches[0];
  if (!first) return null;
  const chunk = { firstId: toNumber(first.id), lastId: toNumber(first.id), dids: toNumber(first.didCount) };
  for (const batch of batches.slice(1)) {
    if (chunk.dids + toNumber(batch.didCount) > dids) break;
    chunk.lastId = toNumber(batch.id);
    chunk.dids += toNumber(batch.didCount);
  }
  return chunk;
}

function sqliteLoadTable(store: DidStore): LoadTable {
  const inChunk = `l."instance" = ? AND l."scope" = ? AND l."id" BETWEEN ? AND ?`;
  // `WHERE` before `ON CONFLICT` keeps SQLite from reading the upsert's ON as a join's.
  const publish =
    `INSERT INTO "Did" (${INSERTED_COLUMNS}) SELECT l."instance", l."scope", ${SQLITE_ROW_VALUES}, l."loadedAt", ? ` +
    `FROM "DidLoad" AS l, jsonb_each(l."rows") AS r WHERE ${inChunk} ${ON_CONFLICT}`;
  return {
    async load(tx, { instance, scope }, rows, loadedAt) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "DidLoad" ("instance", "scope", "loadedAt", "didCount", "rows") VALUES (?, ?, ?, ?, ?)`,
        instance,
        scope,
        iso(loadedAt),
        rows.length,
        JSON.stringify(rows),
      );
    },
    async nextChunk(db, { instance, scope }, dids) {
      const batches = await db.$queryRawUnsafe<{ id: bigint; didCount: bigint }[]>(
        `SELECT "id", "didCount" FROM "DidLoad" WHERE "instance" = ? AND "scope" = ? ORDER BY "id" LIMIT ${CHUNK_CANDIDATES}`,
        instance,
        scope,
      );
      return chunkOf(batches, dids);
    },
    async publish(tx, key, chunk, seenAt) {
      const range = [key.instance, key.scope, chunk.firstId, chunk.lastId] as const;
      const written = await tx.$executeRawUnsafe(publish, iso(seenAt), ...range);
      if (written < chunk.dids) {
        // Rows the upsert left unchanged (another writer had them already) are still seen by this run.
        const [names] = await tx.$queryRawUnsafe<{ names: string }[]>(
          `SELECT json_group_array(r.value ->> '$.name') AS names FROM "DidLoad" AS l, jsonb_each(l."rows") AS r WHERE ${inChunk}`,
          ...range,
        );
        await store.markSeen(tx, key, seenAt, names?.names ?? "[]");
      }
      await tx.$executeRawUnsafe(`DELETE FROM "DidLoad" AS l WHERE ${inChunk}`, ...range);
      return raiseVersionIfChanged(tx, written);
    },
    async pending(db, { instance, scope }) {
      const [row] = await db.$queryRawUnsafe<{ dids: bigint | null }[]>(
        `SELECT sum("didCount") AS dids FROM "DidLoad" WHERE "instance" = ? AND "scope" = ?`,
        instance,
        scope,
      );
      return toNumber(row?.dids);
    },
    clear: (db, { instance, scope }) =>
      db.$executeRawUnsafe(`DELETE FROM "DidLoad" WHERE "instance" = ? AND "scope" = ?`, instance, scope),
    async tuneTransaction() {},
  };
}

function postgresLoadTable(store: DidStore): LoadTable {
  // The chunk's batches: its instance, scope, first and last id as the parameters from $first on.
  const inChunk = (first: number) =>
    `l."instance" = $${first} AND l."scope" = $${first + 1} ` +
    `AND l."id" BETWEEN $${first + 2}::integer AND $${first + 3}::integer`;
  // DISTINCT ON: PostgreSQL's upsert refuses to touch one row twice in a statement, so a DID listed in two
  // batches is moved once, from the later batch (SQLite's upsert applies both in order, to the same end).
  const publish =
    `INSERT INTO "Did" (${INSERTED_COLUMNS}) SELECT DISTINCT ON (r."name") l."instance", l."scope", ` +
    `${POSTGRES_ROW_VALUES}, l."loadedAt", $1::timestamp(3) ` +
    `FROM "DidLoad" AS l CROSS JOIN LATERAL ${postgresRecordset(`l."rows"::jsonb`)} ` +
    `WHERE ${inChunk(2)} ORDER BY r."name", l."id" DESC ${ON_CONFLICT}`;
  return {
    async load(tx, { instance, scope }, rows, loadedAt) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "DidLoad" ("instance", "scope", "loadedAt", "didCount", "rows") VALUES ($1, $2, $3::timestamp(3), $4::integer, $5)`,
        instance,
        scope,
        iso(loadedAt),
        rows.length,
        JSON.stringify(rows),
      );
    },
    async nextChunk(db, { instance, scope }, dids) {
      const batches = await db.$queryRawUnsafe<{ id: number; didCount: number }[]>(
        `SELECT "id", "didCount" FROM "DidLoad" WHERE "instance" = $1 AND "scope" = $2 ORDER BY "id" LIMIT ${CHUNK_CANDIDATES}`,
        instance,
        scope,
      );
      return chunkOf(batches, dids);
    },
    async publish(tx, key, chunk, seenAt) {
      const range = [key.instance, key.scope, chunk.firstId, chunk.lastId] as const;
      const written = await tx.$executeRawUnsafe(publish, iso(seenAt), ...range);
      if (written < chunk.dids) {
        const [names] = await tx.$queryRawUnsafe<{ names: string }[]>(
          `SELECT jsonb_agg(r ->> 'name')::text AS names FROM "DidLoad" AS l ` +
            `CROSS JOIN LATERAL jsonb_array_elements(l."rows"::jsonb) AS r WHERE ${inChunk(1)}`,
          ...range,
        );
        await store.markSeen(tx, key, seenAt, names?.names ?? "[]");
      }
      await tx.$executeRawUnsafe(`DELETE FROM "DidLoad" AS l WHERE ${inChunk(1)}`, ...range);
      return raiseVersionIfChanged(tx, written);
    },
    async pending(db, { instance, scope }) {
      const [row] = await db.$queryRawUnsafe<{ dids: bigint | null }[]>(
        `SELECT sum("didCount") AS dids FROM "DidLoad" WHERE "instance" = $1 AND "scope" = $2`,
        instance,
        scope,
      );
      return toNumber(row?.dids);
    },
    clear: (db, { instance, scope }) =>
      db.$executeRawUnsafe(`DELETE FROM "DidLoad" WHERE "instance" = $1 AND "scope" = $2`, instance, scope),
    async tuneTransaction(tx) {
      await tx.$executeRawUnsafe(`SET LOCAL synchronous_commit = off`);
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
    },
  };
}

export function loadTableFor(provider: DatabaseProvider, store: DidStore): LoadTable {
  return provider === "sqlite" ? sqliteLoadTable(store) : postgresLoadTable(store);
}
