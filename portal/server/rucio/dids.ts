import "server-only";
import { encodeSegment, requestJson, requestStream, requestStreamForDids, type RucioCaller } from "./http";
import { formatRucioDate } from "./json";
import type { Did, DidContent, DidFile, DidFileOf, DidMeta, DidParent, DidRef, DidSummary } from "./types";

export type FilterValue = string | number | boolean | Date | null;
/**
 * Search filters: keys AND-ed inside one object, objects OR-ed. A key may end in an operator,
 * `.gt .lt .gte .lte .ne` (e.g. `{ "run_number.gte": 348000 }`); `name` takes `*` wildcards.
 * All keys must belong to one metadata plugin (DID columns, or JSON on PostgreSQL).
 */
export type DidFilter = Record<string, FilterValue>;
export type DidSearchType = "all" | "collection" | "dataset" | "container" | "file";

export interface DidSearchOptions {
  /** Default "collection" (datasets and containers), as in Rucio. */
  type?: DidSearchType;
  filters?: DidFilter[];
  limit?: number;
  recursive?: boolean;
}

export type MetaPlugin = "DID_COLUMN" | "JSON" | "ALL" | (string & {});

const didPath = (scope: string, name: string, suffix = "") =>
  `/dids/${encodeSegment(scope)}/${encodeSegment(name)}${suffix}`;

// Rucio reads `filters` with Python's ast.literal_eval, not a JSON parser: JSON's strings and numbers
// are valid Python literals, but true/false/null are not.
function pythonLiteral(value: FilterValue): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (value instanceof Date) return JSON.stringify(formatRucioDate(value));
  if (typeof value === "number" && !Number.isFinite(value))
    throw new Error(`Filter value ${value} is not a finite number`);
  return JSON.stringify(value);
}

export function serializeFilters(filters: DidFilter[]): string {
  const groups = filters.map(
    (group) =>
      `{${Object.entries(group)
        .map(([key, value]) => `${JSON.stringify(key)}: ${pythonLiteral(value)}`)
        .join(", ")}}`,
  );
  return `[${groups.join(", ")}]`;
}

function searchQuery(options: DidSearchOptions, long: boolean) {
  return {
    type: options.type ?? "collection",
    long,
    limit: options.limit,
    recursive: options.recursive,
    filters: serializeFilters(options.filters?.length ? options.filters : [{}]),
  };
}

/** GET /dids/{scope}/dids/search, streamed; Rucio returns no particular order. */
function didSearch<T>(caller: RucioCaller, scope: string, options: DidSearchOptions, long: boolean) {
  return requestStream<T>(caller, {
    method: "GET",
    path: `/dids/${encodeSegment(scope)}/dids/search`,
    query: searchQuery(options, long),
    accept: "application/x-json-stream",
  });
}

/** The search with long=true: a summary of each DID. */
export const searchDids = (caller: RucioCaller, scope: string, options: DidSearchOptions = {}) =>
  didSearch<DidSummary>(caller, scope, options, true);

/** The same search returning names only (cheaper for the server). */
export const searchDidNames = (caller: RucioCaller, scope: string, options: DidSearchOptions = {}) =>
  didSearch<string>(caller, scope, options, false);

/**
 * GET /dids/{scope}/{name}. With dynamicDepth "FILE" (the default) Rucio sums bytes and length over
 * the files below a collection instead of reporting the stored counters.
 */
export function getDid(
  caller: RucioCaller,
  scope: string,
  name: string,
  options: { dynamicDepth?: "FILE" | "DATASET" | null } = {},
): Promise<Did> {
  const dynamicDepth = options.dynamicDepth === undefined ? "FILE" : options.dynamicDepth;
  return requestJson<Did>(caller, {
    method: "GET",
    path: didPath(scope, name),
    query: { dynamic_depth: dynamicDepth ?? undefined },
    accept: "application/json",
  });
}

/** GET /dids/{scope}/{name}/meta?plugin=… (default DID_COLUMN). */
export function getDidMeta(
  caller: RucioCaller,
  scope: string,
  name: string,
  plugin: MetaPlugin = "DID_COLUMN",
): Promise<DidMeta> {
  return requestJson<DidMeta>(caller, {
    method: "GET",
    path: didPath(scope, name, "/meta"),
    query: { plugin },
    accept: "application/json",
  });
}

/**
 * POST /dids/bulkmeta, streamed. DIDs that do not exist are silently absent from the answer.
 * With `inherit`, keys missing on a DID are filled from its parents.
 */
export function getDidsMetaBulk(
  caller: RucioCaller,
  dids: DidRef[],
  options: { plugin?: MetaPlugin; inherit?: boolean } = {},
): AsyncGenerator<DidMeta> {
  return requestStreamForDids<DidMeta>(caller, "/dids/bulkmeta", dids, {
    plugin: options.plugin ?? "DID_COLUMN",
    inherit: options.inherit ?? false,
  });
}

/** GET /dids/{scope}/{name}/dids: the direct children of a collection. */
export function listContents(caller: RucioCaller, scope: string, name: string): AsyncGenerator<DidContent> {
  return requestStream<DidContent>(caller, {
    method: "GET",
    path: didPath(scope, name, "/dids"),
    accept: "application/x-json-stream",
  });
}

/** GET /dids/{scope}/{name}/parents: the collections a DID is attached to. */
export function listParents(caller: RucioCaller, scope: string, name: string): AsyncGenerator<DidParent> {
  return requestStream<DidParent>(caller, {
    method: "GET",
    path: didPath(scope, name, "/parents"),
    accept: "application/x-json-stream",
  });
}

/** GET /dids/{scope}/{name}/files: every file below a DID (through nested containers). */
export function listFiles(
  caller: RucioCaller,
  scope: string,
  name: string,
  options: { long?: boolean } = {},
): AsyncGenerator<DidFile> {
  // Rucio only checks whether `long` is present, so long=false must be left out, not sent.
  const long = options.long ?? true;
  return requestStream<DidFile>(caller, {
    method: "GET",
    path: didPath(scope, name, "/files"),
    query: { long: long ? "true" : undefined },
    accept: "application/x-json-stream",
  });
}

/**
 * POST /dids/bulkfiles, streamed: every file below each of `dids` (through nested collections), each
 * tagged with the DID it was listed for (`parent_scope`, `parent_name`). DIDs that do not exist are
 * skipped. One request replaces a /files call per collection, e.g. to count the files of open datasets.
 */
export function listFilesBulk(caller: RucioCaller, dids: DidRef[]): AsyncGenerator<DidFileOf> {
  return requestStreamForDids<DidFileOf>(caller, "/dids/bulkfiles", dids);
}

/** GET /scopes/: every scope of the instance. */
export function listScopes(caller: RucioCaller): Promise<string[]> {
  return requestJson<string[]>(caller, { method: "GET", path: "/scopes/", accept: "application/json" });
}
