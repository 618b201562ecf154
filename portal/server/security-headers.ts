/**
 * Who may frame the portal. Pages are embeddable by the allowlisted JupyterLab origins only; API routes
 * never. Read per request in the proxy so a deployment changes the allowlist without a rebuild.
 */
const DEFAULT_FRAME_ANCESTORS = ["http://127.0.0.1:8888", "http://localhost:8888"];

export function parseFrameAncestors(value: string | undefined): string[] {
  if (!value?.trim()) return DEFAULT_FRAME_ANCESTORS;
  return value.split(/[\s,]+/).filter(Boolean).map((origin) => {
    const url = new URL(origin);
    const plainOrigin = url.origin === origin.replace(/\/$/, "") && /^https?:$/.test(url.protocol);
    if (!plainOrigin || url.hostname.includes("*")) {
      throw new Error(`PORTAL_FRAME_ANCESTORS: "${origin}" is not a plain http(s) origin`);
    }
    return url.origin;
  });
}

export function contentSecurityPolicy(pathname: string, frameAncestors: string[]): string {
  const embeddable = !pathname.startsWith("/api/");
  return embeddable ? `frame-ancestors 'self' ${frameAncestors.join(" ")}` : "frame-ancestors 'none'";
}
