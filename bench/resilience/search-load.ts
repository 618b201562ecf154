import { bench } from "../search/bench-env";
import autocannon, { type RequestSpec, type Result } from "autocannon";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { ensureBenchCatalog } from "../search/bench-catalog";
import { PAGE_SIZE } from "../search/query-mix";
import { Latencies } from "../search/stats";
import { zipfWorkload } from "../search/zipf-workload";
import { freePort } from "../../testing/free-port";
import { buildPortal, startBuiltPortal } from "../../testing/portal-under-test";
import { REPO_ROOT } from "../../testing/repo-root";

/**
 * npm run test:resilience runs this: GET /api/search of the production portal (`next start`) on the
 * bench catalog of --rows synthetic datasets (bench/search), under LOAD_CONNECTIONS (200) concurrent
 * clients for LOAD_SECONDS (60) with autocannon, on loopback. The clients draw from 5,000 distinct searches
 * with Zipf popularity (bench/search/zipf-workload.ts: free text, facets, ranges, sorts, name patterns,
 * metadata keys) and page on through the returned cursors; 1 % of what they start is hostile (many negated
 * phrases, leading wildcards, ranges over everything). Fails on any error or timeout, and on any answer
 * to an ordinary search but 200; a hostile one may be refused (4xx) or cut off (503), but must not stall
 * the rest. PORTAL_PROCESSES (1) portal processes share the port. Report on stdout and in
 * .local/bench/search-load-<dialect>-<rows>-p<processes>.md.
 */
const connections = Number(process.env.LOAD_CONNECTIONS ?? 200);
/** Portal processes sharing the port (portal/scripts/serve.ts); 1 is plain `next start`. */
const processes = Number(process.env.PORTAL_PROCESSES ?? 1);
const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const log = (line: string) => process.stderr.write(`[search-load] ${line}\n`);

/** Pages a client asks for in a row before its context resets; it follows a cursor while there is one. */
const STEPS = 6;
const workload = zipfWorkload();

/** Per kind of search: answers by status, and the latency of each (from the request's setup to its answer). */
const outcomes = { ordinary: new Map<number, number>(), hostile: new Map<number, number>() };
const latencies = { ordinary: new Latencies(), hostile: new Latencies() };

function searchPath(q: string, sort: string, cursor?: string): string {
  const params = new URLSearchParams({ q, sort, limit: String(PAGE_SIZE) });
  if (cursor) params.set("cursor", cursor);
  return `/api/search?${params}`;
}

/** Step i: the next page of the current search while it has pages left, else a new search of the workload. */
function step(): RequestSpec {
  return {
    method: "GET",
    setupRequest(request, context) {
      context.sentAt = performance.now();
      const cursor = context.cursor as string | undefined;
      const pagesLeft = (context.pagesLeft as number | undefined) ?? 0;
      if (cursor && pagesLeft > 0) {
        context.pagesLeft = pagesLeft - 1;
        return { ...request, path: searchPath(context.q as string, context.sort as string, cursor) };
      }
      const search = workload.next();
      Object.assign(context, { ...search, pagesLeft: search.pages - 1, cursor: undefined });
      return { ...request, path: searchPath(search.q, search.sort) };
    },
    onResponse(status, body, context) {
      const kind = context.hostile ? "hostile" : "ordinary";
      outcomes[kind].set(status, (outcomes[kind].get(status) ?? 0) + 1);
      latencies[kind].add(performance.now() - (context.sentAt as number));
      const match = status === 200 ? /"nextCursor":("(?:[^"\\]|\\.)*")/.exec(body) : null;
      context.cursor = match ? (JSON.parse(match[1]!) as string) : undefined;
    },
  };
}

async function checkCatalog(url: string): Promise<void> {
  const response = await fetch(`${url}${searchPath("", "newest")}`);
  if (!response.ok) throw new Error(`the portal answered ${response.status}: ${await response.text()}`);
  const { total } = (await response.json()) as { total: { value: number } };
  if (total.value !== bench.rows) throw new Error(`the portal answers from another catalog (${total.value} datasets)`);
}

const statusList = (statuses: Map<number, number>) =>
  [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}: ${count}`)
    .join(", ") || "none";
/** An ordinary search must be answered; a hostile one may be refused (4xx) or cut off at its deadline (503). */
const ordinaryFailures = () =>
  [...outcomes.ordinary].filter(([status]) => status !== 200 && status !== 304).reduce((n, [, c]) => n + c, 0);
const hostileFailures = () =>
  [...outcomes.hostile].filter(([status]) => status >= 500 && status !== 503).reduce((n, [, c]) => n + c, 0);

function report(result: Result, catalog: string, errorKinds: Map<string, number>): string {
  const errors = [...errorKinds].map(([kind, count]) => `${kind}: ${count}`).join(", ");
  const failed = result.errors + result.timeouts + ordinaryFailures() + hostileFailures();
  const row = (kind: "ordinary" | "hostile") => {
    const s = latencies[kind].summary();
    return `| ${kind} | ${s.n} | ${Math.round(s.p50)} | ${Math.round(s.p95)} | ${Math.round(s.p99)} | ${Math.round(s.max)} | ${statusList(outcomes[kind])} |`;
  };
  return [
    `## Search API under load: ${connections} clients for ${seconds} s, ${bench.rows.toLocaleString("en")} datasets (${bench.dialect})`,
    "",
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}; the load generator shares the machine.`,
    `Portal: production build, ${processes === 1 ? "one process (`next start`)" : `${processes} processes on one port (portal/scripts/serve.ts)`}, catalog ${catalog}.`,
    `Workload: ${workload.distinct.toLocaleString("en")} distinct searches with Zipf popularity, paged through their cursors; 1 % of the searches started from ${workload.hostileDistinct} hostile ones.`,
    "",
    "| requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | timeouts |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ${result.requests.total} | ${result.requests.average.toFixed(1)} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p99} | ${result.latency.max} | ${result.errors} | ${result.timeouts} |`,
    "",
    "| searches | answers | p50 ms | p95 ms | p99 ms | max ms | statuses |",
    "|---|---:|---:|---:|---:|---:|---|",
    row("ordinary"),
    row("hostile"),
    "",
    failed === 0
      ? "No failed request: every ordinary search answered, every hostile one answered, refused or cut off at its deadline."
      : `**${failed} failed requests.**${errors ? ` Errors: ${errors}.` : ""}`,
  ].join("\n");
}

async function main() {
  const { url: databaseUrl } = await ensureBenchCatalog(bench.dialect, bench.rows, log);
  buildPortal(log);
  const port = Number(process.env.PORTAL_PORT ?? (await freePort()));
  const portal = await startBuiltPortal({
    build: "copy",
    port,
    label: "search-load",
    processes,
    env: { DATABASE_URL: databaseUrl, STAGING_TRACKER_ENABLED: "false" },
  });
  try {
    await checkCatalog(portal.url);
    log(`${connections} clients for ${seconds} s against ${portal.url}/api/search`);
    const errorKinds = new Map<string, number>();
    const result = await autocannon({
      url: portal.url,
      connections,
      duration: seconds,
      // A request still unanswered after this long counts as an error.
      timeout: 30,
      requests: Array.from({ length: STEPS }, step),
    }).on("reqError", (error) => {
      const kind = error.code ?? error.message;
      errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    });
    const text = report(result, databaseUrl.startsWith("file:") ? "SQLite" : "PostgreSQL", errorKinds);
    mkdirSync(`${REPO_ROOT}.local/bench`, { recursive: true });
    writeFileSync(`${REPO_ROOT}.local/bench/search-load-${bench.dialect}-${bench.rows}-p${processes}.md`, `${text}\n`);
    process.stdout.write(`${text}\n`);
    if (result.errors + result.timeouts + ordinaryFailures() + hostileFailures() > 0) process.exitCode = 1;
  } finally {
    await portal.stop();
  }
}

await main();
