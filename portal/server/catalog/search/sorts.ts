import "server-only";
import type { SearchSort } from "@/lib/catalog/types";
import type { Filter } from "./compile";
import { namePrefixCondition } from "./compile";
import { binaryColumn, type Dialect, epochOf, join, lowerColumn, numberOf, type Sql, sql, timestamp } from "./sql";

/**
 * Every sort is a sequence of segments, each a set of rows read in one index's order with the id as
 * last key, so the order is total and identical in both dialects:
 *   newest     created desc, id desc, then the rows without a creation date by id desc
 *   size       bytes desc, id desc, then the rows without a size by id desc
 *   name       name (byte order), id
 *   relevance  names that start with the first free-text term (ignoring ASCII case; an exact name is
 *              the first of them), by lower-cased name and id; then every other hit, newest first.
 *              Without free text there is nothing to rank by and relevance is newest.
 * Splitting out the NULL rows and the name matches keeps each segment a plain index range.
 */
export type KeyKind = "date" | "number" | "text";

export interface SortKey {
  /** SQL expression over the row. */
  expr: (dialect: Dialect) => string;
  kind: KeyKind;
  /** Column alias in page queries. */
  alias: string;
}

export interface Segment {
  where: (dialect: Dialect) => Sql | null;
  /** The part of `where` the sort index itself answers (NULL or not), for reads that stay in the index. */
  indexWhere: (dialect: Dialect) => Sql | null;
  keys: SortKey[];
  descending: boolean;
  /** SQLite index to walk for this segment (PostgreSQL's planner picks its own). */
  sqliteIndex: string;
}

const id: SortKey = { expr: () => `"id"`, kind: "number", alias: "k_id" };
const created: SortKey = { expr: () => `"rucioCreatedAt"`, kind: "date", alias: "k_created" };
const bytes: SortKey = { expr: () => `"bytes"`, kind: "number", alias: "k_bytes" };
const name: SortKey = { expr: (d) => binaryColumn(d, "name"), kind: "text", alias: "k_name" };
const lowerName: SortKey = { expr: (d) => lowerColumn(d, "name"), kind: "text", alias: "k_lname" };

const present = (column: string, yes: boolean) => () => sql(`"${column}" IS ${yes ? "NOT " : ""}NULL`);

function nullsLast(column: string, key: SortKey, sqliteIndex: string): Segment[] {
  return [
    { where: present(column, true), indexWhere: present(column, true), keys: [key, id], descending: true, sqliteIndex },
    { where: present(column, false), indexWhere: present(column, false), keys: [id], descending: true, sqliteIndex },
  ];
}

export function segmentsFor(sort: SearchSort, filter: Filter): Segment[] {
  if (sort === "size") return nullsLast("bytes", bytes, "Did_bytes_id_idx");
  if (sort === "name")
    return [
      {
        where: () => null,
        indexWhere: () => null,
        keys: [name, id],
        descending: false,
        sqliteIndex: "Did_name_id_idx",
      },
    ];
  const newest = nullsLast("rucioCreatedAt", created, "Did_rucioCreatedAt_id_idx");
  const prefix = filter.namePrefix;
  if (sort === "newest" || prefix === null) return newest;
  const starts = (d: Dialect) => namePrefixCondition(d, prefix);
  return [
    { where: starts, indexWhere: starts, keys: [lowerName, id], descending: false, sqliteIndex: "Did_name_lower_idx" },
    ...newest.map((segment) => ({
      ...segment,
      where: (d: Dialect) =>
        join([segment.where(d)!, { text: `NOT (${starts(d).text})`, params: starts(d).params }], " AND "),
    })),
  ];
}

export type KeyValue = string | number;

/** The sort keys of a result row as JSON-safe values (dates as epoch milliseconds). */
export function keyValuesOf(row: Record<string, unknown>, keys: SortKey[]): KeyValue[] {
  return keys.map((key) => {
    const value = row[key.alias];
    const read =
      key.kind === "date" ? epochOf(value) : key.kind === "number" ? numberOf(value) : (value as string | null);
    if (read === null || read === undefined) throw new Error(`sort key ${key.alias} is empty`);
    return read;
  });
}

function keyParam(dialect: Dialect, key: SortKey, value: KeyValue): Sql {
  return key.kind === "date" ? timestamp(dialect, value as number) : sql("?", value);
}

function firstKey(dialect: Dialect, segment: Segment, values: KeyValue[], op: string): Sql {
  const param = keyParam(dialect, segment.keys[0]!, values[0]!);
  return { text: `${segment.keys[0]!.expr(dialect)} ${op} ${param.text}`, params: param.params };
}

function compareKeys(dialect: Dialect, segment: Segment, values: KeyValue[], op: string): Sql {
  const left = segment.keys.map((key) => key.expr(dialect)).join(", ");
  const right = join(
    segment.keys.map((key, i) => keyParam(dialect, key, values[i]!)),
    ", ",
  );
  const tuple = { text: `(${left}) ${op} (${right.text})`, params: right.params };
  if (segment.keys.length === 1) return tuple;
  // The first key alone, implied by the tuple: SQLite bounds an index range on it, also on an expression.
  return join([firstKey(dialect, segment, values, `${op.slice(0, 1)}=`), tuple], " AND ");
}

/** Rows strictly after `after` in the segment's order (a row-value comparison both dialects index). */
export const afterCondition = (dialect: Dialect, segment: Segment, after: KeyValue[]) =>
  compareKeys(dialect, segment, after, segment.descending ? "<" : ">");

/** Rows up to and including `through` in the segment's order. */
export const throughCondition = (dialect: Dialect, segment: Segment, through: KeyValue[]) =>
  compareKeys(dialect, segment, through, segment.descending ? ">=" : "<=");

/**
 * A looser range on the first sort key alone (ties on it included), which planners estimate from their
 * statistics; row-value comparisons they misjudge, and PostgreSQL then intersects needlessly large
 * index bitmaps.
 */
export function firstKeyRange(
  dialect: Dialect,
  segment: Segment,
  after: KeyValue[] | null,
  through: KeyValue[] | null,
): Sql[] {
  const out: Sql[] = [];
  if (after) out.push(firstKey(dialect, segment, after, segment.descending ? "<=" : ">="));
  if (through) out.push(firstKey(dialect, segment, through, segment.descending ? ">=" : "<="));
  return out;
}

export function orderBy(dialect: Dialect, segment: Segment): string {
  return segment.keys.map((key) => `${key.expr(dialect)}${segment.descending ? " DESC" : ""}`).join(", ");
}

/** The key columns a page query selects, aliased so keyValuesOf can read them back. */
export function keyColumns(dialect: Dialect, segment: Segment): string {
  return segment.keys.map((key) => `${key.expr(dialect)} AS ${key.alias}`).join(", ");
}
