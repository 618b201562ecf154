import "server-only";
import type { CatalogDid, SearchSort } from "@/lib/catalog/types";
import type { Filter } from "./compile";
import type { CursorPosition } from "./cursor";
import { PAGE_SAMPLE } from "./hits";
import { countRange, hitsQuery, type Keys, nthRowKeys, sampleKeys, type SegmentRead, walkQuery } from "./segment-reads";
import { keyValuesOf, segmentsFor } from "./sorts";
import { epochOf, numberOf } from "./sql";
import type { RunQuery } from "./summary";

/**
 * How a page's rows are found. `hits`: gather every hit (through the full-text index when there is
 * text) and sort them; right when the hits are few, which the counts tell exactly. `adaptive`, when they
 * are many: a short walk along the sort index, testing each row, fills the page when hits are dense
 * where the order starts. When they are not (the hits cluster elsewhere in the order: a name sort starts
 * with CMS names, a size sort with RAW data), the sample of every 64th DID tells where the next hits lie:
 * about 64 hits per sample hit, and surely at least `need` hits before its need-th. If the stretch of
 * index up to where the page should fill is short, walk on (bounded by the sure point); otherwise gather
 * the hits up to the sure point and sort them.
 */
export type PagePlan = "hits" | "adaptive";

/** Rows an adaptive read walks at most (about 5-10 ms of row reads); the first walk is a quarter. */
export const WALK_BUDGET = { sqlite: 5000, postgresql: 2000 } as const;
/** Up to this many hits, gathering and sorting them all costs about as much as a walk (~10 ms). */
export const HITS_FIRST_MAX = 10_000;

export interface PageStrategy {
  plan: PagePlan;
  walkBudget: number;
}

export interface PageRows {
  items: CatalogDid[];
  /** Where the page ended, when there are more hits after it. */
  next: CursorPosition | null;
}

/** Up to `rows` rows along the index after `read.after`, tested: the hits found, and where the walk ended. */
async function walk(read: SegmentRead, rows: number): Promise<{ found: Record<string, unknown>[]; end: Keys | null }> {
  const end = await nthRowKeys(read, rows);
  return { found: await read.run(walkQuery(read, end)), end };
}

async function readAdaptive(read: SegmentRead, walkBudget: number): Promise<Record<string, unknown>[]> {
  const firstWalk = Math.max(1, Math.floor(walkBudget / 4));
  const first = await walk(read, firstWalk);
  if (first.found.length === read.need || !first.end) return first.found;
  let rest: SegmentRead = { ...read, after: first.end, need: read.need - first.found.length };
  const found = [...first.found];
  // Hits about as dense ahead as in the stretch just walked: walk on, as far as the budget goes.
  if (first.found.length > 0 && (rest.need * firstWalk) / first.found.length <= walkBudget) {
    const second = await walk(rest, walkBudget);
    found.push(...second.found);
    if (second.found.length === rest.need || !second.end) return found;
    rest = { ...rest, after: second.end, need: rest.need - second.found.length };
  }
  const sample = await sampleKeys(rest, rest.need);
  if (sample.length === 0) return [...found, ...(await read.run(hitsQuery(rest)))];
  const expected = sample[Math.min(sample.length, Math.ceil(rest.need / PAGE_SAMPLE)) - 1]!;
  const sure = sample.length >= rest.need ? sample[rest.need - 1]! : null;
  const walkable = (await countRange(rest, expected, walkBudget + 1)) <= walkBudget;
  return [...found, ...(await read.run(walkable ? walkQuery(rest, sure) : hitsQuery(rest, sure)))];
}

/** `limit` hits in sort order after `cursor`, segment by segment, and the position to continue from. */
export async function readPage(
  filter: Filter,
  sort: SearchSort,
  { plan, walkBudget }: PageStrategy,
  cursor: CursorPosition | null,
  limit: number,
  run: RunQuery,
): Promise<PageRows> {
  const segments = segmentsFor(sort, filter);
  const rows: { row: Record<string, unknown>; segment: number }[] = [];
  for (let index = cursor?.segment ?? 0; index < segments.length && rows.length <= limit; index++) {
    const after = cursor && index === cursor.segment ? cursor.keys : null;
    const read = { filter, segment: segments[index]!, after, need: limit + 1 - rows.length, run };
    const found = plan === "hits" ? await run(hitsQuery(read)) : await readAdaptive(read, walkBudget);
    rows.push(...found.map((row) => ({ row, segment: index })));
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next =
    rows.length > limit && last
      ? { segment: last.segment, keys: keyValuesOf(last.row, segments[last.segment]!.keys) }
      : null;
  return { items: page.map(({ row }) => toCatalogDid(row)), next };
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
const iso = (value: unknown) => {
  const ms = epochOf(value);
  return ms === null ? null : new Date(ms).toISOString();
};

function toCatalogDid(row: Record<string, unknown>): CatalogDid {
  return {
    instance: String(row.instance),
    scope: String(row.scope),
    name: String(row.name),
    type: String(row.didType) as CatalogDid["type"],
    bytes: numberOf(row.bytes),
    files: numberOf(row.length),
    createdAt: iso(row.rucioCreatedAt),
    updatedAt: iso(row.rucioUpdatedAt),
    account: text(row.account),
    project: text(row.project),
    datatype: text(row.datatype),
    runNumber: numberOf(row.runNumber),
    stream: text(row.streamName),
    prodStep: text(row.prodStep),
    version: text(row.version),
    campaign: text(row.campaign),
    events: numberOf(row.events),
  };
}
