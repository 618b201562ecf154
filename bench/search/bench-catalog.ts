import { existsSync, mkdirSync, rmSync } from "node:fs";
import pg from "pg";
import { migrate } from "../../prisma/migrate";
import { connectDatabase } from "../../portal/server/db/client";
import { ADMIN_URL, type BenchDialect, benchPostgresDb, benchDatabaseUrl } from "./bench-database";
import { loadCatalog, type LoadReport } from "./load-catalog";
import { syntheticCatalog } from "./synthetic-catalog";
import { REPO_ROOT } from "../../testing/repo-root";

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Rows in the bench catalog, or null when it does not exist or is not a complete load of ids 1..n. */
async function loadedRows(url: string): Promise<number | null> {
  const { client } = connectDatabase(url);
  try {
    await migrate({ databaseUrl: url });
    const [row] = await client.$queryRawUnsafe<{ n: unknown; m: unknown }[]>(
      `SELECT count(*) AS n, max("id") AS m FROM "Did"`,
    );
    return row && Number(row.n) === Number(row.m) ? Number(row.n) : null;
  } catch {
    return null;
  } finally {
    await client.$disconnect();
  }
}

/**
 * The bench catalog with exactly `rows` synthetic datasets, generated and loaded when missing or of
 * another size (the load report then says how fast), reused otherwise.
 */
export async function ensureBenchCatalog(
  dialect: BenchDialect,
  rows: number,
  log: (line: string) => void,
): Promise<{ url: string; load: LoadReport | null }> {
  const url = benchDatabaseUrl(dialect, rows);
  const present =
    dialect === "postgres" || existsSync(url.slice("file:".length)) ? await loadedRows(url).catch(() => null) : null;
  if (present === rows) {
    log(`reusing the ${dialect} bench catalog (${rows.toLocaleString("en")} datasets)`);
    return { url, load: null };
  }
  if (dialect === "sqlite") {
    mkdirSync(`${REPO_ROOT}.local/bench`, { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${url.slice("file:".length)}${suffix}`, { force: true });
  } else {
    await admin(`DROP DATABASE IF EXISTS "${benchPostgresDb(rows)}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${benchPostgresDb(rows)}"`);
  }
  log(`generating ${rows.toLocaleString("en")} datasets into the ${dialect} bench catalog`);
  let last = 0;
  const load = await loadCatalog(url, syntheticCatalog(rows), (done) => {
    if (done - last >= 100_000 || done === rows) {
      last = done;
      log(`  ${done.toLocaleString("en")} rows`);
    }
  });
  return { url, load };
}
