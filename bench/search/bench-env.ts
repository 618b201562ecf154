import { parseArgs } from "node:util";
import { REPO_ROOT } from "../../testing/repo-root";

/**
 * The benchmark's arguments, read before anything opens the portal's database: the route handler under
 * test uses the portal's own client, which takes DATABASE_URL once, when first imported.
 */
export type BenchDialect = "sqlite" | "postgres";

const { values } = parseArgs({
  options: {
    dialect: { type: "string", default: "sqlite" },
    rows: { type: "string", default: "1000000" },
    rounds: { type: "string", default: "3" },
    url: { type: "string" },
    "skip-naive": { type: "boolean", default: false },
  },
});
if (values.dialect !== "sqlite" && values.dialect !== "postgres") throw new Error("--dialect is sqlite or postgres");

export const ADMIN_URL = process.env.SCRATCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const BENCH_POSTGRES_DB = "rucio_catalog_bench";

export function benchDatabaseUrl(dialect: BenchDialect, rows: number): string {
  if (dialect === "sqlite") return `file:${REPO_ROOT}.local/bench/search-${rows}.db`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_POSTGRES_DB}`;
  return url.toString();
}

export const bench = {
  dialect: values.dialect as BenchDialect,
  rows: Number(values.rows),
  rounds: Number(values.rounds),
  portalUrl: values.url,
  skipNaive: values["skip-naive"],
};
process.env.DATABASE_URL = benchDatabaseUrl(bench.dialect, bench.rows);
