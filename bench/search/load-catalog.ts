import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabaseUrl } from "../../prisma/lib/database-url";
import { migrate } from "../../prisma/migrate";
import { canonicalJson, databaseTimestamp } from "../../portal/server/catalog/indexer/did-row";
import { DID_ROW_COLUMNS } from "../../portal/server/catalog/indexer/did-store";
import type { SyntheticDid } from "./synthetic-catalog";

/**
 * Writes catalog rows straight into a migrated catalog database, the fast way: secondary indexes and
 * the full-text trigger are dropped for the load and rebuilt once at the end (from their own stored
 * definitions, so the result is exactly what the migrations made), rows go in as large batches.
 */
export interface LoadReport {
  rows: number;
  insertMs: number;
  indexMs: number;
}

const BATCH = 5_000;
/** The indexer's row columns, and what identifies the row; types as PostgreSQL casts them. */
const COLUMNS = [["id", "integer"], ["instance", "text"], ["scope", "text"], ...DID_ROW_COLUMNS] as const;
type Column = (typeof COLUMNS)[number][0];
const COLUMN_LIST = COLUMNS.map(([column]) => `"${column}"`).join(", ");

export async function loadCatalog(
  databaseUrl: string,
  rows: Iterable<SyntheticDid>,
  onProgress?: (rows: number) => void,
): Promise<LoadReport> {
  await migrate({ databaseUrl });
  const target = resolveDatabaseUrl(databaseUrl);
  return target.provider === "sqlite"
    ? loadSqlite(target.path, rows, onProgress)
    : loadPostgres(target.url, rows, onProgress);
}

function* batches(rows: Iterable<SyntheticDid>): Generator<SyntheticDid[]> {
  let batch: SyntheticDid[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** A column's value as the database drivers take it (both read these date strings, see databaseTimestamp). */
function columnValue(row: SyntheticDid, column: Column, bigintAs: (value: bigint) => unknown): unknown {
  if (column === "meta") return canonicalJson(row.meta);
  const value = row[column];
  if (value instanceof Date) return databaseTimestamp(value);
  return typeof value === "bigint" ? bigintAs(value) : value;
}

function loadSqlite(path: string, rows: Iterable<SyntheticDid>, onProgress?: (rows: number) => void): LoadReport {
  const sqlite = new Database(path);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("cache_size = -262144");
    const deferred = sqlite
      .prepare(
        `SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'Did' AND sql IS NOT NULL AND (type = 'index' OR name = 'Did_search_insert')`,
      )
      .all() as { type: string; name: string; sql: string }[];
    for (const object of deferred)
      sqlite.exec(`DROP ${object.type === "index" ? "INDEX" : "TRIGGER"} "${object.name}"`);

    const started = performance.now();
    const now = databaseTimestamp(new Date());
    const addInstance = sqlite.prepare(
      `INSERT OR IGNORE INTO "RucioInstance" (name, url, "updatedAt") VALUES (?, ?, ?)`,
    );
    const addScope = sqlite.prepare(`INSERT OR IGNORE INTO "Scope" (instance, name, "updatedAt") VALUES (?, ?, ?)`);
    const insert = sqlite.prepare(`INSERT INTO "Did" (${COLUMN_LIST}) VALUES (${COLUMNS.map(() => "?").join(", ")})`);
    let count = 0;
    const writeBatch = sqlite.transaction((batch: SyntheticDid[]) => {
      for (const row of batch) {
        addInstance.run(row.instance, `https://rucio.${row.instance}.example`, now);
        addScope.run(row.instance, row.scope, now);
        insert.run(...COLUMNS.map(([column]) => columnValue(row, column, (value) => value)));
      }
    });
    for (const batch of batches(rows)) {
      writeBatch(batch);
      count += batch.length;
      onProgress?.(count);
    }
    const insertMs = performance.now() - started;

    const indexStarted = performance.now();
    sqlite.exec(`INSERT INTO "DidSearch" ("DidSearch") VALUES ('rebuild')`);
    for (const object of deferred) sqlite.exec(object.sql);
    sqlite.exec("ANALYZE");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    return { rows: count, insertMs, indexMs: performance.now() - indexStarted };
  } finally {
    sqlite.close();
  }
}

async function loadPostgres(
  url: string,
  rows: Iterable<SyntheticDid>,
  onProgress?: (rows: number) => void,
): Promise<LoadReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Did' AND schemaname = current_schema()
         AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = '"Did"'::regclass)`,
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);

    const started = performance.now();
    // `meta` is JSON text, which a text[] cannot hand to the jsonb column.
    const types = COLUMNS.map(([column, type]) => (column === "meta" ? "jsonb" : type));
    const insert = `INSERT INTO "Did" (${COLUMN_LIST}) SELECT * FROM unnest(${types.map((type, i) => `$${i + 1}::${type}[]`).join(", ")})`;
    let count = 0;
    for (const batch of batches(rows)) {
      const scopes = new Map(batch.map((row) => [`${row.instance}\u0000${row.scope}`, row]));
      await client.query(
        `INSERT INTO "RucioInstance" (name, url, "updatedAt") SELECT DISTINCT i, 'https://rucio.' || i || '.example', now() FROM unnest($1::text[]) AS i ON CONFLICT DO NOTHING`,
        [[...scopes.values()].map((row) => row.instance)],
      );
      await client.query(
        `INSERT INTO "Scope" (instance, name, "updatedAt") SELECT i, s, now() FROM unnest($1::text[], $2::text[]) AS t(i, s) ON CONFLICT DO NOTHING`,
        [[...scopes.values()].map((row) => row.instance), [...scopes.values()].map((row) => row.scope)],
      );
      const columns = COLUMNS.map(([column]) => batch.map((row) => columnValue(row, column, String)));
      await client.query(insert, columns);
      count += batch.length;
      onProgress?.(count);
    }
    await client.query(`SELECT setval(pg_get_serial_sequence('"Did"', 'id'), (SELECT max(id) FROM "Did"))`);
    const insertMs = performance.now() - started;

    const indexStarted = performance.now();
    await client.query("SET maintenance_work_mem = '512MB'");
    for (const index of indexes) await client.query(index.indexdef);
    await client.query(`VACUUM (ANALYZE) "Did"`);
    return { rows: count, insertMs, indexMs: performance.now() - indexStarted };
  } finally {
    await client.end();
  }
}
