import { parseArgs } from "node:util";
import { ADMIN_URL, type BenchDialect } from "../search/bench-database";
import { REPO_ROOT } from "../../testing/repo-root";

/**
 * The benchmark's arguments and the environment the portal's modules read once, when first imported:
 * the scratch catalog as DATABASE_URL and the local Rucio as the one instance, with the demo's root
 * identity (the indexer's service identity and the token of the timed Rucio requests).
 */
const { values } = parseArgs({
  options: {
    dialect: { type: "string", default: "sqlite" },
    rounds: { type: "string", default: "10" },
    datasets: { type: "string", default: "50000" },
  },
});
if (values.dialect !== "sqlite" && values.dialect !== "postgres") throw new Error("--dialect is sqlite or postgres");

export const SCOPE = "scale_13TeV";
export const RUCIO_URL = process.env.RUCIO_URL ?? "http://127.0.0.1:8080";
export const BENCH_POSTGRES_DB = "rucio_catalog_bench_rucio_search";

export const bench = {
  dialect: values.dialect as BenchDialect,
  rounds: Number(values.rounds),
  /** Datasets registered in SCOPE first (rucio/generate-scale.sh, resumable). */
  datasets: Number(values.datasets),
};

function catalogUrl(dialect: BenchDialect): string {
  if (dialect === "sqlite") return `file:${REPO_ROOT}.local/bench/rucio-search.db`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_POSTGRES_DB}`;
  return url.toString();
}

export const CATALOG_URL = catalogUrl(bench.dialect);
process.env.DATABASE_URL = CATALOG_URL;
process.env.RUCIO_INSTANCES = JSON.stringify([
  { name: "default", url: RUCIO_URL, username: "root", password: "root-secret", account: "root", timeoutMs: 120_000 },
]);
