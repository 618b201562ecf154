import type { Theme } from "@rucio-catalog/protocol";

/**
 * The URL the panel loads: the configured portal URL, optionally another page of the portal
 * (`path`, resolved against the portal URL so a portal under a path prefix keeps it), and the
 * JupyterLab theme as `?theme=` so the first paint already matches (the `theme` message follows).
 */
export function buildPortalUrl(portalUrl: string, theme: Theme, path?: string): string {
  const base = new URL(portalUrl);
  const url = path
    ? new URL(path.replace(/^\/+/, ""), base.href.endsWith("/") ? base : new URL(`${base.href}/`))
    : base;
  if (url.origin !== base.origin) {
    throw new Error(`portal path ${path} leaves the portal`);
  }
  url.searchParams.set("theme", theme);
  return url.href;
}
