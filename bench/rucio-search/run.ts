import { bench, RUCIO_URL, SCOPE } from "./bench-env";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { Latencies, timed } from "../search/stats";
import { REPO_ROOT } from "../../testing/repo-root";
import { MAX_LIMIT } from "../../portal/server/catalog/search/search";
import { catalogSearcher, FIRST_PAGE, indexedCatalog } from "./catalog-side";
import { rucioFilterText, SIDE_BY_SIDE } from "./queries";
import { classTable, queryTable, type QueryTimes } from "./report";
import { asFiltersParameter, rucioSearch, rucioToken, rucioVersion } from "./rucio-side";
import { assertSameDids } from "./same-dids";

/**
 * npm run bench:rucio-search -- [--dialect sqlite|postgres] [--rounds R] [--datasets N]
 * The catalog's search against Rucio's own GET /dids/{scope}/dids/search on the same datasets (scope
 * scale_13TeV of the local Rucio, registered first when missing; the catalog filled from it by the
 * portal's indexer), the same filters, in the same run. Every answer is checked to be the same DIDs on
 * both sides. Markdown report on stdout and in .local/bench/rucio-search.md (PostgreSQL: rucio-search-postgres.md).
 */
const log = (line: string) => process.stderr.write(`${line}\n`);
const machineLoad = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

async function registerScaleDatasets(): Promise<void> {
  const script = `${REPO_ROOT}rucio/generate-scale.sh`;
  const child = spawn("bash", [script, String(bench.datasets)], { cwd: REPO_ROOT, stdio: ["ignore", 2, 2] });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`${script} ${bench.datasets} exited with ${code}`);
}

async function main() {
  const started = performance.now();
  const loadAtStart = machineLoad();
  log(`registering ${bench.datasets.toLocaleString("en")} datasets in ${SCOPE} unless there (rucio/generate-scale.sh)`);
  await registerScaleDatasets();
  log(`indexing ${SCOPE} from ${RUCIO_URL} into the ${bench.dialect} bench catalog`);
  const { connection, indexing } = await indexedCatalog();
  const catalog = catalogSearcher(connection);
  const token = await rucioToken();

  const wholeScope = await rucioSearch(token, {});
  if (wholeScope.length !== indexing.rows)
    throw new Error(`Rucio lists ${wholeScope.length} DIDs in ${SCOPE}, the catalog holds ${indexing.rows}`);

  log("checking that both sides answer every query with the same DIDs (untimed, also warms both)");
  const times: QueryTimes[] = [];
  const expected = new Map<QueryTimes, string[]>();
  for (const query of SIDE_BY_SIDE) {
    const label = `${query.queryClass}: ${rucioFilterText(query)}`;
    const reference = await rucioSearch(token, query.rucio);
    assertSameDids(
      `${label}: Rucio's filters parameter`,
      reference,
      await rucioSearch(token, asFiltersParameter(query.rucio)),
    );
    for (const q of [query.catalog, query.catalogWithoutScope])
      assertSameDids(`${label}: the catalog's ${q}`, reference, await catalog.allNames(q));
    if (reference.length === 0) throw new Error(`${label}: no DIDs match; the query would time nothing`);
    const firstPage = await catalog.firstPage(query.catalog);
    if (!firstPage.total.capped && firstPage.total.value !== reference.length)
      throw new Error(`${label}: the first page's exact total is ${firstPage.total.value}, not ${reference.length}`);
    const entry: QueryTimes = {
      query,
      dids: reference.length,
      shownTotal: firstPage.total,
      rucio: new Latencies(),
      catalogAll: new Latencies(),
      catalogFirstPage: new Latencies(),
      catalogAllWithoutScope: new Latencies(),
    };
    times.push(entry);
    expected.set(entry, reference);
  }

  for (let round = 0; round < bench.rounds; round++) {
    for (const [index, entry] of times.entries()) {
      const reference = expected.get(entry)!;
      const label = `round ${round + 1}, ${entry.query.queryClass}: ${rucioFilterText(entry.query)}`;
      const askRucio = async () => {
        const { ms, value } = await timed(() => rucioSearch(token, entry.query.rucio));
        assertSameDids(`${label}: Rucio`, reference, value);
        entry.rucio.add(ms);
      };
      const askCatalog = async () => {
        const first = await timed(() => catalog.firstPage(entry.query.catalog));
        if (first.value.items.length !== Math.min(FIRST_PAGE, reference.length))
          throw new Error(`${label}: the catalog's first page has ${first.value.items.length} DIDs`);
        entry.catalogFirstPage.add(first.ms);
        const all = await timed(() => catalog.allNames(entry.query.catalog));
        assertSameDids(`${label}: the catalog`, reference, all.value);
        entry.catalogAll.add(all.ms);
        const withoutScope = await timed(() => catalog.allNames(entry.query.catalogWithoutScope));
        assertSameDids(`${label}: the catalog without the scope term`, reference, withoutScope.value);
        entry.catalogAllWithoutScope.add(withoutScope.ms);
      };
      // Alternating who goes first, so neither side always meets the caches the other one warmed.
      const [a, b] = (round + index) % 2 === 0 ? [askRucio, askCatalog] : [askCatalog, askRucio];
      await a();
      await b();
    }
    log(`  round ${round + 1}/${bench.rounds} done`);
  }

  const report = [
    `## The catalog's search beside Rucio's own: ${bench.dialect} catalog, ${indexing.rows.toLocaleString("en")} datasets of ${SCOPE}`,
    "",
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${loadAtStart} at the start, ${machineLoad()} at the end. Rucio ${await rucioVersion()} at ${RUCIO_URL}.`,
    "",
    `- Same DIDs: the catalog was filled by the portal's indexer from that Rucio (this run read ${indexing.read.toLocaleString("en")} DIDs in ${indexing.seconds.toFixed(1)} s, ${indexing.written.toLocaleString("en")} of them new or changed) and holds every DID Rucio lists in the scope. ` +
      `Every answer of both sides, in every round, was checked to be exactly the same DIDs; before the rounds, both of Rucio's filter forms (query parameters and \`filters=\`) were checked to agree.`,
    `- Rucio: one GET /dids/${SCOPE}/dids/search per query with the filters as query parameters (type collection, names only), ` +
      `its newline-delimited JSON read to the end on a new connection, with a token obtained once.`,
    `- Catalog: the portal's search module in this process (no HTTP), a fresh instance per measurement (no cached counts). ` +
      `"Every DID" pages through the keyset cursor ${MAX_LIMIT} DIDs at a time to the last page: the same result set as Rucio's. ` +
      `"First page" is one page of ${FIRST_PAGE} with its total and facet counts, what the portal shows.`,
    `- ${bench.rounds} rounds; in each every query once per side, the side that goes first alternating. Rucio ÷ catalog above 1 means the catalog answers faster.`,
    "",
    classTable(times),
    "",
    queryTable(times),
    "",
    `Command: \`npm run bench:rucio-search -- --dialect ${bench.dialect} --rounds ${bench.rounds}\` (${((performance.now() - started) / 1000).toFixed(0)} s).`,
  ].join("\n");
  const file = bench.dialect === "sqlite" ? "rucio-search.md" : `rucio-search-${bench.dialect}.md`;
  writeFileSync(`${REPO_ROOT}.local/bench/${file}`, `${report}\n`);
  process.stdout.write(`${report}\n`);
  await connection.client.$disconnect();
}

await main();
