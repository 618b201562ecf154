/**
 * The path prefix the portal is served under: Next.js `basePath`, fixed when the portal is built from
 * PORTAL_BASE_PATH (next.config.js inlines it here). "" serves the portal at the root of its origin.
 * Next's <Link>, router and redirect() add it themselves; raw hrefs, fetch, EventSource, window.location
 * and absolute URLs built from strings go through these helpers.
 */
const SEGMENTS = /^(\/[A-Za-z0-9._~-]+)*$/;

export const BASE_PATH = normalizeBasePath(process.env.NEXT_PUBLIC_PORTAL_BASE_PATH);

/** "" or "/a/b" (no trailing slash); throws with what to set when the value cannot be a path prefix. */
export function normalizeBasePath(value: string | undefined): string {
  const trimmed = (value ?? "").trim().replace(/\/+$/, "");
  if (!SEGMENTS.test(trimmed) || trimmed.split("/").some((s) => s === "." || s === "..")) {
    throw new Error(
      `PORTAL_BASE_PATH must be empty or a path such as /services/rucio-catalog (letters, digits, . _ ~ -), not ${JSON.stringify(value)}`,
    );
  }
  return trimmed;
}

/** A path of this portal ("/search?q=x") as the browser must request it: under the base path. */
export function withBasePath(path: string, basePath = BASE_PATH): string {
  if (!path.startsWith("/") || path.startsWith("//")) throw new Error(`Not a path of this portal: ${path}`);
  if (!basePath) return path;
  return path === "/" ? basePath : `${basePath}${path}`;
}

/** The absolute URL of a path of this portal on the given origin, for links meant to leave the page. */
export function portalUrl(path: string, origin: string, basePath = BASE_PATH): string {
  return `${new URL(origin).origin}${withBasePath(path, basePath)}`;
}
