import { parseSharePath, SHARE_LINK_PARAM, SHARE_LINK_PARAM_PREFIX, sharePath } from "@rucio-catalog/protocol";

/** What the JupyterLab URL asks of the catalog: nothing, a portal path to open, or refused parameters. */
export type ShareLinkRequest =
  { kind: "none" } | { kind: "open"; path: string; describe: string } | { kind: "refused"; reasons: string[] };

/** Whether a JupyterLab URL's query holds any catalog parameter (the router's cheap first test). */
export const SHARE_LINK_PATTERN = new RegExp(`[?&]${SHARE_LINK_PARAM_PREFIX}[^=&#]*=`);

/**
 * Reads the catalog's parameters from a JupyterLab URL's query (`?…`). Only SHARE_LINK_PARAM is read,
 * once; its value becomes a canonical portal-relative path rebuilt from the parsed parts. Other
 * catalog-prefixed parameters are refused with the reason; JupyterLab's own parameters are not looked at.
 */
export function readShareLink(search: string): ShareLinkRequest {
  const params = new URLSearchParams(search);
  const reasons: string[] = [];
  const unknown = [...new Set([...params.keys()])].filter(
    (key) => key.startsWith(SHARE_LINK_PARAM_PREFIX) && key !== SHARE_LINK_PARAM,
  );
  for (const key of unknown) {
    reasons.push(`"${key.slice(0, 64)}" is not a Rucio Catalog link parameter`);
  }
  const values = params.getAll(SHARE_LINK_PARAM);
  if (values.length > 1) {
    reasons.push(`"${SHARE_LINK_PARAM}" is given ${values.length} times`);
  } else if (values.length === 1) {
    const parsed = parseSharePath(values[0] ?? "");
    if (!parsed.ok) {
      reasons.push(parsed.reason);
    } else if (reasons.length === 0) {
      const { target } = parsed;
      const describe =
        target.kind === "dataset" ? `${target.scope}:${target.name}` : `the search "${target.q.slice(0, 200)}"`;
      return { kind: "open", path: sharePath(target), describe };
    }
  }
  return reasons.length ? { kind: "refused", reasons } : { kind: "none" };
}

/** The same URL without the catalog's parameters, so a reload does not open the link again. */
export function withoutShareParams(href: string): string {
  const url = new URL(href);
  for (const key of [...url.searchParams.keys()]) {
    if (key.startsWith(SHARE_LINK_PARAM_PREFIX)) url.searchParams.delete(key);
  }
  return url.href;
}
