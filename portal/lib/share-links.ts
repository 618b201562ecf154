import { parseSharePath, SHARE_LINK_PARAM, sharePath } from "@rucio-catalog/protocol";

/**
 * The "Open in JupyterLab" link of a portal page: the configured JupyterLab URL (PORTAL_JUPYTERLAB_LINK)
 * with the page's portal-relative path in the `rucio-catalog` parameter, which the extension reads
 * (extension/src/share-link-plugin.ts). Null when no JupyterLab URL is configured or the page is not
 * one a link can name (a dataset page or a search).
 */
export function jupyterLabLink(template: string | null, portalPath: string): string | null {
  if (!template) return null;
  const parsed = parseSharePath(portalPath);
  if (!parsed.ok) return null;
  let url: URL;
  try {
    url = new URL(template);
  } catch {
    return null;
  }
  url.searchParams.set(SHARE_LINK_PARAM, sharePath(parsed.target));
  return url.href;
}
