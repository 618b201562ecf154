import { z } from "zod";
import { didRefusal } from "./did";

/**
 * "Open in JupyterLab" links: a JupyterLab URL (a deployment's template, such as JupyterHub's
 * `/hub/user-redirect/lab`) with one parameter, `rucio-catalog`, holding a portal-relative path of a
 * known shape. The portal builds it, the extension reads it and rebuilds the path from the parsed parts,
 * so nothing from the link but a scope, a name, an instance, a query and a sort ever reaches the panel,
 * and the panel always resolves it against its own configured portal URL.
 */
export const SHARE_LINK_PARAM = "rucio-catalog";
/** Parameters starting with this belong to the catalog; any but SHARE_LINK_PARAM is refused, not guessed at. */
export const SHARE_LINK_PARAM_PREFIX = "rucio-catalog";
export const MAX_SHARE_PATH_LENGTH = 4096;
export const MAX_SHARE_QUERY_LENGTH = 2000;

const instanceSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const sortSchema = z.string().regex(/^[a-z]{1,16}$/);

export type ShareTarget =
  | { kind: "dataset"; scope: string; name: string; instance: string | null }
  | { kind: "search"; q: string; sort: string | null };

export type ShareParse = { ok: true; target: ShareTarget } | { ok: false; reason: string };

const refuse = (reason: string): ShareParse => ({ ok: false, reason });

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Reads the query part strictly: only `allowed` keys, each at most once. */
function readQuery(query: string, allowed: readonly string[]): Map<string, string> | string {
  const values = new Map<string, string>();
  for (const pair of query ? query.split("&") : []) {
    const [rawKey = "", ...rest] = pair.split("=");
    const key = decode(rawKey.replace(/\+/g, " "));
    const value = decode(rest.join("=").replace(/\+/g, " "));
    if (key === null || value === null) return "a malformed escape";
    if (!allowed.includes(key)) return `"${key}" is not a parameter of this page`;
    if (values.has(key)) return `"${key}" is given twice`;
    values.set(key, value);
  }
  return values;
}

function parseDataset(path: string, query: string): ShareParse {
  const [, scopeSegment = "", ...nameSegments] = path.slice(1).split("/");
  const scope = decode(scopeSegment);
  const parts = nameSegments.map(decode);
  if (scope === null || parts.length === 0 || parts.some((part) => part === null)) {
    return refuse("the dataset path is malformed");
  }
  const name = parts.join("/");
  const didProblem = didRefusal(scope, name);
  if (didProblem) return refuse(didProblem);
  const params = readQuery(query, ["instance"]);
  if (typeof params === "string") return refuse(params);
  const instance = params.get("instance") ?? null;
  if (instance !== null && !instanceSchema.safeParse(instance).success) {
    return refuse("the instance name is not one a portal could have");
  }
  return { ok: true, target: { kind: "dataset", scope, name, instance } };
}

function parseSearch(query: string): ShareParse {
  const params = readQuery(query, ["q", "sort"]);
  if (typeof params === "string") return refuse(params);
  const q = params.get("q") ?? "";
  const sort = params.get("sort") ?? null;
  if (q.length > MAX_SHARE_QUERY_LENGTH) return refuse(`the query is longer than ${MAX_SHARE_QUERY_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(q)) return refuse("the query contains control characters");
  if (sort !== null && !sortSchema.safeParse(sort).success) return refuse("the sort is not one the portal has");
  return { ok: true, target: { kind: "search", q, sort } };
}

/**
 * Parses the value of SHARE_LINK_PARAM: `/datasets/<scope>/<name>[?instance=…]` or `/search[?q=…&sort=…]`,
 * percent-encoded as the portal's own links are. Anything else (another origin, a scheme, dot segments,
 * backslashes, fragments, other pages, unknown parameters) is refused with the reason.
 */
export function parseSharePath(value: string): ShareParse {
  if (value.length > MAX_SHARE_PATH_LENGTH) return refuse(`longer than ${MAX_SHARE_PATH_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (!/^\/[^/\\]/.test(value) || /[\\\s#\u0000-\u001f\u007f]/.test(value)) {
    return refuse("not a path of the catalog portal");
  }
  const queryAt = value.indexOf("?");
  const path = queryAt < 0 ? value : value.slice(0, queryAt);
  const query = queryAt < 0 ? "" : value.slice(queryAt + 1);
  if (path === "/search") return parseSearch(query);
  if (/^\/datasets\/[^/]+\/./.test(path)) return parseDataset(path, query);
  return refuse("neither a dataset page nor a search");
}

/** The canonical portal-relative path of a target; parseSharePath reads it back to the same target. */
export function sharePath(target: ShareTarget): string {
  if (target.kind === "dataset") {
    const path = `/datasets/${encodeURIComponent(target.scope)}/${encodeURIComponent(target.name)}`;
    return target.instance === null ? path : `${path}?instance=${encodeURIComponent(target.instance)}`;
  }
  const params = new URLSearchParams();
  if (target.q) params.set("q", target.q);
  if (target.sort) params.set("sort", target.sort);
  const query = params.toString();
  return query ? `/search?${query}` : "/search";
}
