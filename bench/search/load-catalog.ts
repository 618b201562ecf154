import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabaseUrl } from "../../prisma/lib/database-url";
import { migrate } from "../../prisma/migrate";
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
const COLUMNS = [
  "id",
  "instance",
  "scope",
  "name",
  "didType",
  "bytes",
  "length",
  "rucioCreatedAt",
  "rucioUpdatedAt",
  "account",
  "availability",
  "meta",
  "project",
  "datatype",
  "runNumber",
  "streamName",
  "prodStep",
  "version",
  "campaign",
  "events",
  "searchText",
] as const;

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

/** Prisma's SQLite adapter stores DateTime as ISO-8601 text with an explicit +00:00 offset. */
const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

function sqliteValues(row: SyntheticDid): unknown[] {
  return [
    row.id,
    row.instance,
    row.scope,
    row.name,
    row.didType,
    row.bytes,
    row.length,
    sqliteDate(row.rucioCreatedAt),
    sqliteDate(row.rucioUpdatedAt),
    row.account,
    "AVAILABLE",
    JSON.stringify(row.meta),
    row.project,
    row.datatype,
    row.runNumber,
    row.streamName,
    row.prodStep,
    row.version,
    row.campaign,
    row.events,
    row.searchText,
  ];
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
    const now = sqliteDate(new Date());
    const addInstance = sqlite.prepare(
      `INSERT OR IGNORE INTO "RucioInstance" (name, url, "updatedAt") VALUES (?, ?, ?)`,
    );
    const addScope = sqlite.prepare(`INSERT OR IGNORE INTO "Scope" (instance, name, "updatedAt") VALUES (?, ?, ?)`);
    const insert = sqlite.prepare(
      `INSERT INTO "Did" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`,
    );
    let count = 0;
    const writeBatch = sqlite.transaction((batch: SyntheticDid[]) => {
      for (const row of batch) {
        addInstance.run(row.instance, `https://rucio.${row.instance}.example`, now);
        addScope.run(row.instance, row.scope, now);
        insert.run(...sqliteValues(row));
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

const POSTGRES_TYPES: Record<(typeof COLUMNS)[number], string> = {
  id: "int4",
  instance: "text",
  scope: "text",
  name: "text",
  didType: "text",
  bytes: "int8",
  length: "int4",
  rucioCreatedAt: "timestamp",
  rucioUpdatedAt: "timestamp",
  account: "text",
  availability: "text",
  meta: "jsonb",
  project: "text",
  datatype: "text",
  runNumber: "int4",
  streamName: "text",
  prodStep: "text",
  version: "text",
  campaign: "text",
  events: "int8",
  searchText: "text",
};

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
    const insert = `INSERT INTO "Did" (${COLUMNS.map((c) => `"${c}"`).join(", ")})
      SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${POSTGRES_TYPES[c]}[]`).join(", ")})`;
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
      const columns = COLUMNS.map((column) => batch.map((row) => postgresValue(row, column)));
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

function postgresValue(row: SyntheticDid, column: (typeof COLUMNS)[number]): unknown {
  switch (column) {
    case "availability":
      return "AVAILABLE";
    case "meta":
      return JSON.stringify(row.meta);
    case "bytes":
    case "events":
      return row[column] === null ? null : String(row[column]);
    case "rucioCreatedAt":
    case "rucioUpdatedAt":
      return row[column].toISOString();
    default:
      return row[column];
  }
}
