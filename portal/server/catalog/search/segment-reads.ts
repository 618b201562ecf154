import "server-only";
import type { Filter } from "./compile";
import type { CursorPosition } from "./cursor";
import { hitsWhere, PAGE_SAMPLE, walkWhere } from "./hits";
import {
  afterCondition,
  firstKeyRange,
  keyColumns,
  keyValuesOf,
  orderBy,
  type Segment,
  throughCondition,
} from "./sorts";
import { join, type Sql, sql } from "./sql";
import type { RunQuery } from "./summary";

const ROW_COLUMN_NAMES = [
  "id",
  "instance",
  "scope",
  "name",
  "didType",
  "bytes",
  "length",
  "rucioCreatedAt",
  "rucioUpdatedAt",
  "account",
  "project",
  "datatype",
  "runNumber",
  "streamName",
  "prodStep",
  "version",
  "campaign",
  "events",
];
const rowColumns = (table = "") => ROW_COLUMN_NAMES.map((column) => `${table}"${column}"`).join(", ");

export type Keys = CursorPosition["keys"];

/** One read of a sort segment: the next `need` hits after `after` (null: from the segment's start). */
export interface SegmentRead {
  filter: Filter;
  segment: Segment;
  after: Keys | null;
  need: number;
  run: RunQuery;
}

/**
 * The segment's rows after `after` and up to `through` (inclusive). `indexOnly`: only what the sort index
 * answers, for reads that estimate or bound a walk and must not touch the table.
 */
function range({ filter, segment }: SegmentRead, after: Keys | null, through: Keys | null, indexOnly = false): Sql[] {
  const { dialect } = filter;
  const out: Sql[] = [sql("1 = 1")];
  const where = indexOnly ? segment.indexWhere(dialect) : segment.where(dialect);
  if (where) out.push(where);
  if (after) out.push(afterCondition(dialect, segment, after));
  if (through) out.push(throughCondition(dialect, segment, through));
  return out;
}

const indexHint = ({ filter, segment }: SegmentRead) =>
  filter.dialect === "sqlite" ? ` INDEXED BY "${segment.sqliteIndex}"` : "";

/** How many rows of the segment lie after `after` and up to `through`, counting up to `cap`, from the index. */
export async function countRange(read: SegmentRead, through: Keys | null, cap: number): Promise<number> {
  const where = join(range(read, read.after, through, true), " AND ");
  const [row] = await read.run({
    text: `SELECT count(*) AS n FROM (SELECT "id" FROM "Did"${indexHint(read)} WHERE ${where.text} LIMIT ${cap}) AS r`,
    params: where.params,
  });
  return Number(row?.n ?? 0);
}

/**
 * The next hits, sorted: only ids and sort keys are gathered and sorted, the page's rows are read after
 * (a materialized CTE keeps both planners from walking a sort index instead). `through` bounds the hits
 * by sort key, which PostgreSQL can intersect with the full-text bitmap.
 */
export function hitsQuery(read: SegmentRead, through: Keys | null = null): Sql {
  const { filter, segment, need } = read;
  const { dialect } = filter;
  const segmentWhere = segment.where(dialect);
  const where = join(
    [
      hitsWhere(filter),
      ...(segmentWhere ? [segmentWhere] : []),
      ...firstKeyRange(dialect, segment, read.after, through),
    ],
    " AND ",
  );
  const exact = join(range(read, read.after, through), " AND ");
  const aliases = segment.keys.map((key) => `p.${key.alias}${segment.descending ? " DESC" : ""}`).join(", ");
  return {
    text: `WITH hits AS MATERIALIZED (SELECT "id", "rucioCreatedAt", "bytes", "name" FROM "Did" WHERE ${where.text}),
      p AS (SELECT "id" AS page_id, ${keyColumns(dialect, segment)} FROM hits WHERE ${exact.text} ORDER BY ${orderBy(dialect, segment)} LIMIT ${need})
      SELECT ${rowColumns("d.")}, p.* FROM p JOIN "Did" d ON d."id" = p.page_id ORDER BY ${aliases}`,
    params: [...where.params, ...exact.params],
    large: true,
  };
}

/** The next hits read in the sort index's order, each row tested, up to `through` at most. */
export function walkQuery(read: SegmentRead, through: Keys | null): Sql {
  const { filter, segment, need } = read;
  const where = join([walkWhere(filter), ...range(read, read.after, through)], " AND ");
  return {
    text: `SELECT ${rowColumns()}, ${keyColumns(filter.dialect, segment)} FROM "Did"${indexHint(read)}
      WHERE ${where.text} ORDER BY ${orderBy(filter.dialect, segment)} LIMIT ${need}`,
    params: where.params,
  };
}

/** Sort keys of the n-th row of the segment after `after` (any row, hit or not), from the index. */
export async function nthRowKeys(read: SegmentRead, n: number): Promise<Keys | null> {
  const { filter, segment } = read;
  const where = join(range(read, read.after, null, true), " AND ");
  const [row] = await read.run({
    text: `SELECT ${keyColumns(filter.dialect, segment)} FROM "Did"${indexHint(read)} WHERE ${where.text}
      ORDER BY ${orderBy(filter.dialect, segment)} LIMIT 1 OFFSET ${n - 1}`,
    params: where.params,
  });
  return row ? keyValuesOf(row, segment.keys) : null;
}

/** Sort keys of the first `n` hits after `after` among the sample of every 64th DID. */
export async function sampleKeys(read: SegmentRead, n: number): Promise<Keys[]> {
  const { filter, segment } = read;
  const where = join([hitsWhere(filter, PAGE_SAMPLE), ...range(read, read.after, null)], " AND ");
  const rows = await read.run({
    text: `SELECT ${keyColumns(filter.dialect, segment)} FROM "Did" WHERE ${where.text} ORDER BY ${orderBy(filter.dialect, segment)} LIMIT ${n}`,
    params: where.params,
  });
  return rows.map((row) => keyValuesOf(row, segment.keys));
}
