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
    "naive-pages": { type: "string", default: "2" },
    "naive-sample": { type: "string", default: "0" },
    mix: { type: "string", default: "default" },
  },
});
if (values.dialect !== "sqlite" && values.dialect !== "postgres") throw new Error("--dialect is sqlite or postgres");
if (values.mix !== "default" && values.mix !== "meta") throw new Error("--mix is default or meta");

export const bench = {
  dialect: values.dialect as BenchDialect,
  rows: Number(values.rows),
  rounds: Number(values.rounds),
  portalUrl: values.url,
  skipNaive: values["skip-naive"],
  /** Pages per search for the naive path, and how many searches of the mix it times (0: all), spread over
   * the mix: at 10,000,000 rows one naive search takes up to minutes. */
  naivePages: Number(values["naive-pages"]),
  naiveSample: Number(values["naive-sample"]),
  /** default: the query mix; meta: META_MIX, two metadata-key terms per query. */
  mix: values.mix as "default" | "meta",
};
process.env.DATABASE_URL = benchDatabaseUrl(bench.dialect, bench.rows);
