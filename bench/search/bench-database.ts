import { REPO_ROOT } from "../../testing/repo-root";

/** Where the benchmarks keep their generated catalogs: a SQLite file per size, one PostgreSQL database. */
export type BenchDialect = "sqlite" | "postgres";

export const ADMIN_URL = process.env.SCRATCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
/** Bumped when the generated catalog changes (2: JSON metadata keys), so older catalogs are not reused. */
const CATALOG_VERSION = 2;
export const BENCH_POSTGRES_DB = `rucio_catalog_bench_v${CATALOG_VERSION}`;

export function benchDatabaseUrl(dialect: BenchDialect, rows: number): string {
  if (dialect === "sqlite") return `file:${REPO_ROOT}.local/bench/search-v${CATALOG_VERSION}-${rows}.db`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_POSTGRES_DB}`;
  return url.toString();
}
