import type { Count } from "../../portal/lib/api-responses";
import { fmt, Latencies, ratio } from "../search/stats";
import { QUERY_CLASSES, rucioFilterText, type SideBySideQuery } from "./queries";

/** One query's timings over every round; `dids` is what both sides returned (checked each time). */
export interface QueryTimes {
  query: SideBySideQuery;
  dids: number;
  /** The total on the catalog's first page, as the portal shows it (estimated above ~2,000 hits). */
  shownTotal: Count;
  rucio: Latencies;
  catalogAll: Latencies;
  catalogFirstPage: Latencies;
  catalogAllWithoutScope: Latencies;
}

const merged = (times: QueryTimes[], pick: (t: QueryTimes) => Latencies) => {
  const all = new Latencies();
  for (const t of times) for (const ms of pick(t).samples) all.add(ms);
  return all;
};
const pair = (l: Latencies) => `${fmt(l.percentile(50))} / ${fmt(l.percentile(95))}`;
const ratios = (rucio: Latencies, catalog: Latencies) =>
  `${ratio(rucio.percentile(50), catalog.percentile(50))} / ${ratio(rucio.percentile(95), catalog.percentile(95))}`;
const count = (n: number) => n.toLocaleString("en");

/** Per query class: p50 / p95 of each side and Rucio's time over the catalog's (above 1: the catalog is faster). */
export function classTable(times: QueryTimes[]): string {
  const lines = [
    "| class | queries × rounds | DIDs per query | Rucio p50 / p95 ms | catalog, every DID p50 / p95 ms | **Rucio ÷ catalog** p50 / p95 | catalog, first page p50 / p95 ms | Rucio ÷ first page p50 / p95 | catalog, every DID, no scope term p50 / p95 ms | Rucio ÷ that p50 / p95 |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const groups = [
    ...QUERY_CLASSES.map((queryClass) => ({
      label: queryClass,
      times: times.filter((t) => t.query.queryClass === queryClass),
    })),
    { label: "all", times },
  ];
  for (const { label, times: group } of groups) {
    const rucio = merged(group, (t) => t.rucio);
    const all = merged(group, (t) => t.catalogAll);
    const first = merged(group, (t) => t.catalogFirstPage);
    const unscoped = merged(group, (t) => t.catalogAllWithoutScope);
    const dids = group.map((t) => t.dids);
    lines.push(
      `| ${label} | ${group.length} × ${group[0]?.rucio.samples.length ?? 0} | ${count(Math.min(...dids))}–${count(Math.max(...dids))} | ${pair(rucio)} | ${pair(all)} | **${ratios(rucio, all)}** | ${pair(first)} | ${ratios(rucio, first)} | ${pair(unscoped)} | ${ratios(rucio, unscoped)} |`,
    );
  }
  return lines.join("\n");
}

export function queryTable(times: QueryTimes[]): string {
  const lines = [
    "| class | Rucio filters (query parameters) | catalog query | DIDs | first page shows | Rucio p50 ms | catalog every DID p50 ms | catalog first page p50 ms | catalog every DID, no scope term p50 ms |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const t of times) {
    const shown = `${t.shownTotal.capped ? "about " : ""}${count(t.shownTotal.value)}`;
    lines.push(
      `| ${t.query.queryClass} | \`${rucioFilterText(t.query)}\` | \`${t.query.catalog}\` | ${count(t.dids)} | ${shown} | ${fmt(t.rucio.percentile(50))} | ${fmt(t.catalogAll.percentile(50))} | ${fmt(t.catalogFirstPage.percentile(50))} | ${fmt(t.catalogAllWithoutScope.percentile(50))} |`,
    );
  }
  return lines.join("\n");
}
