import { bench } from "./bench-env";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { type CatalogSearch, createCatalogSearch } from "../../portal/server/catalog/search/search";
import type { SearchResult } from "../../portal/lib/api-responses";
import { connectDatabase, type DatabaseConnection } from "../../portal/server/db/client";
import { ensureBenchCatalog } from "./bench-catalog";
import { serveSearchRoute } from "./http-server";
import { naiveSearch, rawFullTextTop, runSql } from "./naive";
import { META_MIX, PAGE_SIZE, QUERY_MIX, type Scenario } from "./query-mix";
import { fmt, Latencies, percentileTable, ratio, timed } from "./stats";
import { REPO_ROOT } from "../../testing/repo-root";

/**
 * npm run bench:search -- --dialect sqlite|postgres [--rows N] [--rounds R] [--url http://portal] [--skip-naive]
 *   [--naive-pages P (default 2)] [--naive-sample S (every ⌈searches/S⌉-th search of the mix, default all)] [--mix meta]
 * Search latency over the fixed query mix, (a) through the search module, (b) through the HTTP route
 * (and (b′) each answer revalidated with its ETag), (c) as naive SQL, on a catalog of N synthetic datasets (generated on first use). Markdown report on
 * stdout and in .local/bench/search-<mix>-<dialect>-<rows>.md.
 */
const { dialect, rows, rounds, portalUrl, skipNaive, naivePages, naiveSample } = bench;
const MIX = bench.mix === "meta" ? META_MIX : QUERY_MIX;
const log = (line: string) => process.stderr.write(`${line}\n`);

type PageTimes = { q: string; sort: string; total: SearchResult["total"] | null; pages: number[] };

/** Every scenario of the mix, page after page through the cursors; one latency per request. */
async function runMix(
  request: (s: Scenario, cursor: string | undefined) => Promise<SearchResult>,
  latencies: Latencies,
): Promise<PageTimes[]> {
  const out: PageTimes[] = [];
  for (const scenario of MIX) {
    const times: PageTimes = { q: scenario.q, sort: scenario.sort, total: null, pages: [] };
    let cursor: string | undefined;
    for (let page = 0; page < scenario.pages; page++) {
      const { ms, value } = await timed(() => request(scenario, cursor));
      latencies.add(ms);
      times.pages.push(ms);
      times.total ??= value.total;
      if (!value.nextCursor) break;
      cursor = value.nextCursor;
    }
    out.push(times);
  }
  return out;
}

async function moduleRounds(connection: DatabaseConnection, latencies: Latencies) {
  let last: PageTimes[] = [];
  const warmUps: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // A fresh instance per round: no counts cached from the previous round, as in a newly started portal.
    const search: CatalogSearch = createCatalogSearch(connection);
    warmUps.push((await timed(() => search.warmUp())).ms);
    last = await runMix((s, cursor) => search.search({ q: s.q, sort: s.sort, limit: PAGE_SIZE, cursor }), latencies);
    log(`  module round ${round + 1}/${rounds}: p95 so far ${fmt(latencies.percentile(95))} ms`);
  }
  return { last, warmUps };
}

/** Each page through the route, then again with its ETag as a browser revalidates it (timed apart). */
async function httpRound(baseUrl: string, latencies: Latencies, revalidations: Latencies) {
  const get = async (s: Scenario, cursor: string | undefined) => {
    const params = new URLSearchParams({ q: s.q, sort: s.sort, limit: String(PAGE_SIZE) });
    if (cursor) params.set("cursor", cursor);
    const response = await fetch(`${baseUrl}/api/search?${params}`);
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    const result = (await response.json()) as SearchResult;
    const etag = response.headers.get("etag") ?? "";
    const again = await timed(() => fetch(`${baseUrl}/api/search?${params}`, { headers: { "If-None-Match": etag } }));
    if (again.value.status !== 304) throw new Error(`a revalidation got ${again.value.status}, not 304`);
    revalidations.add(again.ms);
    return result;
  };
  const whole = await get({ kind: "sorts", q: "", sort: "newest", pages: 1 }, undefined);
  if (whole.total.value !== rows)
    throw new Error(`the route answers from another catalog (${whole.total.value} datasets)`);
  return runMix(get, latencies);
}

const naiveStep = naiveSample > 0 ? Math.max(1, Math.ceil(MIX.length / naiveSample)) : 1;

async function naiveRound(connection: DatabaseConnection, latencies: Latencies) {
  const out: { q: string; ms: number[] }[] = [];
  for (const [index, scenario] of MIX.entries()) {
    const ms: number[] = [];
    if (index % naiveStep !== 0) {
      out.push({ q: scenario.q, ms: [Number.NaN] });
      continue;
    }
    for (let page = 0; page < Math.min(scenario.pages, naivePages); page++) {
      const t = await timed(() => naiveSearch(connection, scenario.q, scenario.sort, page, PAGE_SIZE));
      latencies.add(t.ms);
      ms.push(t.ms);
    }
    out.push({ q: scenario.q, ms });
  }
  return out;
}

/** Each search with free text: the full-text engine's ranked top page for that text alone (see naive.ts). */
async function rawFullTextRound(connection: DatabaseConnection, latencies: Latencies): Promise<number[]> {
  const out: number[] = [];
  for (const scenario of MIX) {
    const query = rawFullTextTop(connection.provider, scenario.q, PAGE_SIZE);
    const ms = query ? (await timed(() => runSql(connection, query))).ms : Number.NaN;
    if (query) latencies.add(ms);
    out.push(ms);
  }
  return out;
}

async function main() {
  const started = performance.now();
  const { url, load } = await ensureBenchCatalog(dialect, rows, log);
  const connection = connectDatabase(url);
  const report: string[] = [`## Search benchmark: ${dialect}, ${rows.toLocaleString("en")} datasets`, ""];
  report.push(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}.`,
    "",
  );
  if (load) {
    const rate = (ms: number) => Math.round(load.rows / (ms / 1000)).toLocaleString("en");
    report.push(
      `Catalog generated and loaded: ${load.rows.toLocaleString("en")} rows, generate + insert ${(load.insertMs / 1000).toFixed(1)} s (${rate(load.insertMs)} rows/s), indexes + full-text ${(load.indexMs / 1000).toFixed(1)} s, overall ${rate(load.insertMs + load.indexMs)} rows/s.`,
      "",
    );
  }
  log("warming the database's caches (one untimed pass)");
  const warm = createCatalogSearch(connection);
  await runMix((s, cursor) => warm.search({ q: s.q, sort: s.sort, limit: PAGE_SIZE, cursor }), new Latencies());

  const module = new Latencies();
  log("(a) search module");
  const { last, warmUps } = await moduleRounds(connection, module);
  const http = new Latencies();
  const revalidated = new Latencies();
  log(`(b) HTTP ${portalUrl ? portalUrl : "(in-process route handler behind node:http)"}`);
  const server = portalUrl ? null : await serveSearchRoute();
  await httpRound(portalUrl ?? server!.url, http, revalidated);
  await server?.close();
  const naive = new Latencies();
  log(skipNaive ? "(c) naive SQL skipped" : "(c) naive SQL");
  const naiveTimes = skipNaive ? MIX.map((s) => ({ q: s.q, ms: [Number.NaN] })) : await naiveRound(connection, naive);

  const raw = new Latencies();
  log("(d) raw full-text top page");
  const rawTimes = await rawFullTextRound(connection, raw);
  const textFirstPages = new Latencies();
  last.forEach((t, i) => Number.isNaN(rawTimes[i]!) || textFirstPages.add(t.pages[0]!));

  report.push(
    `Query mix: ${MIX.length} searches, ${MIX.reduce((n, s) => n + s.pages, 0)} page requests of ${PAGE_SIZE} rows per pass; ${rounds} module passes, each with a fresh search instance (no cached counts); 1 HTTP pass; 1 naive pass (pages 1${naivePages > 1 ? `-${naivePages}` : ""}${naiveStep > 1 ? `, every ${naiveStep}th search: ${Math.ceil(MIX.length / naiveStep)} of ${MIX.length}` : ""}).`,
    "",
  );
  report.push(
    percentileTable([
      { label: "(a) search module, with facet counts", latencies: module },
      {
        label: `(b) HTTP GET /api/search ${portalUrl ? `(${portalUrl})` : "(route handler, node:http)"}`,
        latencies: http,
      },
      { label: "(b′) the same, revalidated with its ETag (304)", latencies: revalidated },
      { label: "(c) naive SQL: top-50 + COUNT + 8 GROUP BY", latencies: naive },
      { label: "(d) raw full-text top-50 of the free text alone (bm25 / ts_rank), no counts", latencies: raw },
      { label: "(a′) the module's page 1 of the same searches (d) times", latencies: textFirstPages },
    ]),
    "",
  );
  if (!skipNaive)
    report.push(
      `Naive ÷ module, same run: p50 ${ratio(naive.percentile(50), module.percentile(50))}, p95 ${ratio(naive.percentile(95), module.percentile(95))}.`,
      "",
    );
  report.push(
    `Module page 1 ÷ raw full-text top-50 over the ${raw.samples.length} searches with free text: p50 ${ratio(textFirstPages.percentile(50), raw.percentile(50))}, p95 ${ratio(textFirstPages.percentile(95), raw.percentile(95))}.`,
    "",
  );
  report.push(
    `Whole-catalog facet counts (empty query, computed at warm-up, then served from cache): ${warmUps.map(fmt).join(" / ")} ms.`,
    "",
  );
  report.push(
    "| query | sort | total | module page 1 ms | later pages ms | naive page 1 ms | raw full-text top-50 ms |",
    "|---|---|---:|---:|---:|---:|---:|",
  );
  last.forEach((t, i) => {
    const total = t.total ? `${t.total.capped ? "~" : ""}${t.total.value.toLocaleString("en")}` : "-";
    report.push(
      `| \`${t.q || "(empty)"}\` | ${t.sort} | ${total} | ${fmt(t.pages[0]!)} | ${t.pages.slice(1).map(fmt).join(", ") || "-"} | ${fmt(naiveTimes[i]!.ms[0]!)} | ${fmt(rawTimes[i]!)} |`,
    );
  });
  report.push(
    "",
    `Command: \`npm run bench:search -- --dialect ${dialect} --rows ${rows} --rounds ${rounds}${bench.mix === "meta" ? " --mix meta" : ""}${skipNaive ? " --skip-naive" : ""}${naivePages !== 2 ? ` --naive-pages ${naivePages}` : ""}${naiveSample ? ` --naive-sample ${naiveSample}` : ""}\` (${((performance.now() - started) / 1000).toFixed(0)} s).`,
  );
  const text = report.join("\n");
  writeFileSync(`${REPO_ROOT}.local/bench/search-${bench.mix}-${dialect}-${rows}.md`, `${text}\n`);
  process.stdout.write(`${text}\n`);
  await connection.client.$disconnect();
}

await main();
// The route handler's reader threads and database clients outlive main(): end the process explicitly.
process.exit(0);
