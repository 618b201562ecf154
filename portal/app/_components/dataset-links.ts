import { didRefusal } from "@rucio-catalog/protocol";

/**
 * Dataset page links. DID names may contain '/' (in some experiments' naming), so the name is one
 * percent-encoded path segment in the links we make; links whose name spans several segments (a raw
 * '/' typed or decoded by a proxy) are accepted too and joined back.
 */
export interface DidLocation {
  instance: string;
  scope: string;
  name: string;
}

/** Link to a dataset page; the instance is named only when it is not the portal's default one. */
export function datasetHref(did: DidLocation, defaultInstance: string): string {
  const path = `/datasets/${encodeURIComponent(did.scope)}/${encodeURIComponent(did.name)}`;
  return did.instance === defaultInstance ? path : `${path}?instance=${encodeURIComponent(did.instance)}`;
}

/** The API base for a dataset: the same encoding, under /api. */
export function datasetApiPath(did: DidLocation, suffix = ""): string {
  const path = `/api/datasets/${encodeURIComponent(did.scope)}/${encodeURIComponent(did.name)}${suffix}`;
  return `${path}?instance=${encodeURIComponent(did.instance)}`;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Page params arrive still percent-encoded in Next.js (route handlers get them decoded). Returns null
 * for a malformed escape such as "%E0%A4%A" and for a scope or name the API's DID rules refuse
 * (protocol/src/did.ts), so a page never asks Rucio for what the API would not.
 */
export function didFromPageParams(
  scopeSegment: string,
  nameSegments: string[],
): { scope: string; name: string } | null {
  const scope = decodeSegment(scopeSegment);
  const parts = nameSegments.map(decodeSegment);
  if (scope === null || parts.some((part) => part === null) || parts.length === 0) return null;
  const name = parts.join("/");
  return didRefusal(scope, name) === null ? { scope, name } : null;
}
