import "server-only";
import { db, type Database, type Did } from "@/server/db/client";
import { getDid, listContents, listDidRules, listFiles, listParents, serviceCaller } from "@/server/rucio";
import type {
  CatalogDatasetDetails,
  DatasetChild,
  DatasetFile,
  DatasetRule,
  DidLink,
  LiveDataset,
} from "@/lib/api-responses";
import type { CatalogDid } from "@/lib/catalog/types";

/**
 * What the dataset page shows: the catalog's copy of a DID (read from the catalog database) and the
 * live state Rucio reports now (files, replicas, rules, parents, contents), read with the portal's
 * service identity. Every live read names its instance; callers map RucioError kinds to HTTP.
 */
export interface DatasetRef {
  instance: string;
  scope: string;
  name: string;
}

const toNumber = (value: bigint | number | null) => (value === null ? null : Number(value));
const toIso = (value: Date | null) => (value ? value.toISOString() : null);

/** A catalog row as the dataset page shows it (sizes as numbers, dates as ISO text). */
export function toCatalogDetails(row: Did): CatalogDatasetDetails {
  const meta =
    row.meta && typeof row.meta === "object" && !Array.isArray(row.meta) ? (row.meta as Record<string, unknown>) : {};
  return {
    instance: row.instance,
    scope: row.scope,
    name: row.name,
    type: row.didType as CatalogDid["type"],
    bytes: toNumber(row.bytes),
    files: row.length,
    createdAt: toIso(row.rucioCreatedAt),
    updatedAt: toIso(row.rucioUpdatedAt),
    account: row.account,
    project: row.project,
    datatype: row.datatype,
    runNumber: row.runNumber,
    stream: row.streamName,
    prodStep: row.prodStep,
    version: row.version,
    campaign: row.campaign,
    events: toNumber(row.events),
    availability: row.availability,
    meta,
    indexedAt: row.indexedAt.toISOString(),
  };
}

/** The catalog's row for a DID, or null when the indexer has not (yet) seen it. */
export async function getCatalogDataset(
  ref: DatasetRef,
  database: Database = db,
): Promise<CatalogDatasetDetails | null> {
  const row = await database.did.findUnique({
    where: { instance_scope_name: { instance: ref.instance, scope: ref.scope, name: ref.name } },
  });
  return row ? toCatalogDetails(row) : null;
}

const caller = (ref: DatasetRef, signal?: AbortSignal) => serviceCaller(ref.instance, signal);

/** The DID as Rucio has it now (sizes summed over its files) and the collections it belongs to. */
export async function getLiveDataset(ref: DatasetRef, signal?: AbortSignal): Promise<LiveDataset> {
  const rucio = caller(ref, signal);
  const [did, parents] = await Promise.all([
    getDid(rucio, ref.scope, ref.name),
    collectAll(listParents(rucio, ref.scope, ref.name)),
  ]);
  return {
    type: did.type,
    account: did.account,
    bytes: did.bytes,
    files: did.length,
    open: did.open ?? null,
    parents: parents.map(({ scope, name, type }) => ({ scope, name, type })).sort(byScopeAndName),
  };
}

export interface Page<T> {
  items: T[];
  /** Offset of the next page, or null on the last one. */
  nextOffset: number | null;
}

/**
 * One page of the files below a DID. A dataset's own listing carries both checksums; a container's
 * files are resolved through its datasets. Rucio has no paging for these listings, so the stream is
 * read up to the page and then cancelled.
 */
export async function listDatasetFiles(
  ref: DatasetRef,
  offset: number,
  limit: number,
  signal?: AbortSignal,
): Promise<Page<DatasetFile>> {
  const rucio = caller(ref, signal);
  const did = await getDid(rucio, ref.scope, ref.name, { dynamicDepth: null });
  if (did.type === "FILE") {
    const self = {
      scope: did.scope,
      name: did.name,
      bytes: did.bytes,
      adler32: did.adler32 ?? null,
      md5: did.md5 ?? null,
    };
    return { items: offset === 0 ? [self] : [], nextOffset: null };
  }
  if (did.type === "DATASET") {
    const contents = listContents(rucio, ref.scope, ref.name);
    return readPage(contents, offset, limit, ({ scope, name, bytes, adler32, md5 }) => ({
      scope,
      name,
      bytes,
      adler32,
      md5,
    }));
  }
  const files = listFiles(rucio, ref.scope, ref.name, { long: false });
  return readPage(files, offset, limit, ({ scope, name, bytes, adler32 }) => ({
    scope,
    name,
    bytes,
    adler32,
    md5: null,
  }));
}

/** One page of a collection's direct children (datasets and containers of a container, files of a dataset). */
export function listDatasetContents(
  ref: DatasetRef,
  offset: number,
  limit: number,
  signal?: AbortSignal,
): Promise<Page<DatasetChild>> {
  const contents = listContents(caller(ref, signal), ref.scope, ref.name);
  return readPage(contents, offset, limit, ({ scope, name, type, bytes }) => ({ scope, name, type, bytes }));
}

/** The replication rules placed on the DID itself, newest first. */
export async function listDatasetRules(ref: DatasetRef, signal?: AbortSignal): Promise<DatasetRule[]> {
  const rules = await collectAll(listDidRules(caller(ref, signal), ref.scope, ref.name));
  return rules
    .map((rule) => ({
      id: rule.id,
      account: rule.account,
      rseExpression: rule.rse_expression,
      state: rule.state,
      copies: rule.copies,
      locks: { ok: rule.locks_ok_cnt, replicating: rule.locks_replicating_cnt, stuck: rule.locks_stuck_cnt },
      activity: rule.activity,
      error: rule.error,
      createdAt: rule.created_at instanceof Date ? rule.created_at.toISOString() : null,
      expiresAt: rule.expires_at instanceof Date ? rule.expires_at.toISOString() : null,
    }))
    .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""));
}

async function readPage<T, U>(
  stream: AsyncGenerator<T>,
  offset: number,
  limit: number,
  map: (item: T) => U,
): Promise<Page<U>> {
  const items: U[] = [];
  let index = 0;
  // Reading one record past the page tells whether there is a next page; breaking out cancels the stream.
  for await (const item of stream) {
    if (index >= offset + limit) return { items, nextOffset: offset + limit };
    if (index >= offset) items.push(map(item));
    index += 1;
  }
  return { items, nextOffset: null };
}

async function collectAll<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

function byScopeAndName(a: DidLink, b: DidLink): number {
  return a.scope.localeCompare(b.scope) || a.name.localeCompare(b.name);
}
