import { REPO_ROOT } from "../../testing/repo-root";

/** Where the benchmarks keep their generated catalogs: a SQLite file per size, one PostgreSQL database. */
export type BenchDialect = "sqlite" | "postgres";

export const ADMIN_URL = process.env.SCRATCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const BENCH_POSTGRES_DB = "rucio_catalog_bench";

export function benchDatabaseUrl(dialect: BenchDialect, rows: number): string {
  if (dialect === "sqlite") return `file:${REPO_ROOT}.local/bench/search-${rows}.db`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_POSTGRES_DB}`;
  return url.toString();
}
