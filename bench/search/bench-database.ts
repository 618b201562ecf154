import { REPO_ROOT } from "../../testing/repo-root";

/** Where the benchmarks keep their generated catalogs: a SQLite file and a PostgreSQL database per size. */
export type BenchDialect = "sqlite" | "postgres";

export const ADMIN_URL = process.env.SCRATCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** Bumped when the generated catalog changes (2: JSON metadata keys), so older catalogs are not reused. */
const CATALOG_VERSION = 2;
/**
 * One database per size, as for SQLite: building the 10,000,000-row catalog (tens of GB, most of an hour)
 * must not drop the 1,000,000-row one other benches reuse, nor the other way round.
 */
export const benchPostgresDb = (rows: number) => `rucio_catalog_bench_v${CATALOG_VERSION}_${rows}`;

export function benchDatabaseUrl(dialect: BenchDialect, rows: number): string {
  if (dialect === "sqlite") return `file:${REPO_ROOT}.local/bench/search-v${CATALOG_VERSION}-${rows}.db`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${benchPostgresDb(rows)}`;
  return url.toString();
}
