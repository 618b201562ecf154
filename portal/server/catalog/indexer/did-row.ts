import "server-only";
import type { DidMeta, DidType } from "@/server/rucio";
import { searchTextFor } from "@/lib/catalog/search-text";

/**
 * One catalog row as the indexer writes it: the `Did` model's columns in plain JSON types (dates as
 * ISO strings, sizes as numbers), so a whole batch can travel to the database as one JSON parameter.
 */
export interface DidRow {
  name: string;
  didType: DidType;
  bytes: number | null;
  length: number | null;
  events: number | null;
  rucioCreatedAt: string | null;
  rucioUpdatedAt: string | null;
  account: string | null;
  availability: string | null;
  /** Canonical JSON text (sorted keys) so that an unchanged DID compares equal and is not rewritten. */
  meta: string;
  project: string | null;
  datatype: string | null;
  runNumber: number | null;
  streamName: string | null;
  prodStep: string | null;
  version: string | null;
  campaign: string | null;
  searchText: string;
}

/** Files below an open collection, counted by the indexer because Rucio keeps no counters for them. */
export interface CollectionSize {
  files: number;
  bytes: number;
  /** Null when no file carries an event count. */
  events: number | null;
}

// Keys that change without the DID changing (reads bump them) or that the row holds in columns.
const NOT_STORED = new Set(["scope", "name", "created_at", "updated_at", "accessed_at", "access_cnt", "is_new"]);
// String values that are not words a physicist searches for; they stay filterable through columns or meta.
export const NOT_SEARCHABLE: ReadonlySet<string> = new Set([
  "account",
  "availability",
  "did_type",
  "guid",
  "md5",
  "adler32",
]);

const INT32_MAX = 2_147_483_647;

function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** A non-negative integer from a number or a numeric string (free-form metadata arrives as either). */
function count(value: unknown): number | null {
  const number = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === "number" && Number.isSafeInteger(number) && number >= 0 ? number : null;
}

function runNumber(value: unknown): number | null {
  const number = count(value);
  return number !== null && number <= INT32_MAX ? number : null;
}

/**
 * A timestamp as Prisma's SQLite adapter stores DateTime ("2026-01-02T03:04:05.678+00:00"), so that raw
 * writes and Prisma's compare as text in time order; PostgreSQL's timestamp (UTC, no zone) reads it too.
 */
export function databaseTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function isoDate(value: unknown): string | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? databaseTimestamp(value) : null;
}

/** A value as stored in `meta`: dates as ISO text, objects with sorted keys (at any depth), non-finite numbers as text. */
function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = jsonValue((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/** JSON text of a value with object keys sorted at every depth, so equal metadata gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(jsonValue(value));
}

/** Whether Rucio keeps no size counters for this DID: an open collection has null bytes/length until it is closed. */
export function needsCountedSize(meta: DidMeta): boolean {
  return meta.did_type !== "FILE" && (meta.is_open === true || meta.length === null || meta.length === undefined);
}

// Rucio sends every record of an answer with the same keys in the same order: they are sorted once per
// key order, not once per DID (sorting them was a sixth of the mapping's time).
let lastKeys: readonly string[] = [];
let lastSorted: readonly string[] = [];
function sortedKeys(record: object): readonly string[] {
  const keys = Object.keys(record);
  if (keys.length !== lastKeys.length || keys.some((key, index) => key !== lastKeys[index])) {
    lastKeys = keys;
    lastSorted = [...keys].sort();
  }
  return lastSorted;
}

/**
 * Maps Rucio's metadata of one DID (POST /dids/bulkmeta, DID_COLUMN or ALL plugin) to its catalog row.
 * `countedSize` replaces Rucio's counters for open collections.
 */
export function toDidRow(meta: DidMeta, countedSize?: CollectionSize): DidRow {
  const stored: Record<string, unknown> = {};
  const searchable: Record<string, string> = {};
  // Sorted keys: the same metadata must give the same row whatever order Rucio sent it in.
  for (const key of sortedKeys(meta)) {
    const value = meta[key];
    if (value === null || value === undefined || NOT_STORED.has(key)) continue;
    stored[key] = typeof value === "string" || typeof value === "boolean" ? value : jsonValue(value);
    if (typeof value === "string" && !NOT_SEARCHABLE.has(key)) searchable[key] = value;
  }
  const didType = String(meta.did_type ?? "DATASET").toUpperCase() as DidType;
  return {
    name: meta.name,
    didType,
    bytes: countedSize ? countedSize.bytes : count(meta.bytes),
    length: countedSize ? countedSize.files : count(meta.length),
    events: countedSize ? countedSize.events : count(meta.events),
    rucioCreatedAt: isoDate(meta.created_at),
    rucioUpdatedAt: isoDate(meta.updated_at),
    account: text(meta.account),
    availability: text(meta.availability),
    // `stored` was filled in sorted key order and jsonValue sorted what is nested: already canonical.
    meta: JSON.stringify(stored),
    project: text(meta.project),
    datatype: text(meta.datatype),
    runNumber: runNumber(meta.run_number),
    streamName: text(meta.stream_name),
    prodStep: text(meta.prod_step),
    version: text(meta.version),
    campaign: text(meta.campaign),
    searchText: searchTextFor({ scope: meta.scope, name: meta.name, meta: searchable }),
  };
}

/** Sums the files that POST /dids/bulkfiles listed, per collection they were listed for. */
export function addFileToSize(
  sizes: Map<string, CollectionSize>,
  parentName: string,
  file: { bytes: number | null; events: number | null },
) {
  const size = sizes.get(parentName) ?? { files: 0, bytes: 0, events: null };
  size.files += 1;
  size.bytes += file.bytes ?? 0;
  if (typeof file.events === "number") size.events = (size.events ?? 0) + file.events;
  sizes.set(parentName, size);
}
