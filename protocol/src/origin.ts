/** Canonical origin ("scheme://host[:port]") of an http(s) URL or origin string, or null. */
export function normalizeOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.origin;
}

/**
 * True when `origin` (as received in MessageEvent.origin) exactly matches one allow-list entry.
 * Entries may be origins or URLs; they are compared by origin only. There are no wildcards, and
 * the opaque "null" origin of sandboxed or file: documents never matches.
 */
export function isAllowedOrigin(origin: string, allowList: readonly string[]): boolean {
  // MessageEvent.origin is already canonical, so anything else (a path, a default port) is suspect.
  if (normalizeOrigin(origin) !== origin) return false;
  return allowList.some((entry) => normalizeOrigin(entry.trim()) === origin);
}
