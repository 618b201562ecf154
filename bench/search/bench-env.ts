import { parseArgs } from "node:util";
import { type BenchDialect, benchDatabaseUrl } from "./bench-database";

/**
 * The benchmark's arguments, read before anything opens the portal's database: the route handler under
 * test uses the portal's own client, which takes DATABASE_URL once, when first imported.
 */
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

export const bench = {
  dialect: values.dialect as BenchDialect,
  rows: Number(values.rows),
  rounds: Number(values.rounds),
  portalUrl: values.url,
  skipNaive: values["skip-naive"],
};
process.env.DATABASE_URL = benchDatabaseUrl(bench.dialect, bench.rows);
