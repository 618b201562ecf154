/**
 * Security headers of every response the proxy sees. Pages are embeddable by the allowlisted JupyterLab
 * origins only; API routes never. Read per request in the proxy so a deployment changes the allowlist
 * without a rebuild.
 */
const DEFAULT_FRAME_ANCESTORS = ["http://127.0.0.1:8888", "http://localhost:8888"];

/** Browser features the portal never uses, refused for its pages and for anything they embed. */
const UNUSED_FEATURES = [
  "accelerometer", "autoplay", "bluetooth", "camera", "display-capture", "geolocation", "gyroscope", "hid", "magnetometer",
  "microphone", "midi", "payment", "serial", "usb", "xr-spatial-tracking",
];

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

/** /%61pi/… names the same route as /api/…; malformed percent-encoding never reaches a route. */
function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function isApi(pathname: string): boolean {
  const path = decodedPath(pathname);
  return path === "/api" || path.startsWith("/api/");
}

export function contentSecurityPolicy(pathname: string, frameAncestors: string[]): string {
  return isApi(pathname) ? "frame-ancestors 'none'" : `frame-ancestors 'self' ${frameAncestors.join(" ")}`;
}

export function securityHeaders(pathname: string, frameAncestors: string[]): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(pathname, frameAncestors),
    ...(isApi(pathname) ? { "X-Frame-Options": "DENY" } : {}),
    "X-Content-Type-Options": "nosniff",
    // Embed pages carry one-time sign-in codes in their URLs. (A route handler cannot loosen or tighten
    // these itself: Next.js keeps the proxy's value of a header the handler sets too.)
    "Referrer-Policy": decodedPath(pathname).startsWith("/embed/") ? "no-referrer" : "strict-origin-when-cross-origin",
    "Permissions-Policy": UNUSED_FEATURES.map((feature) => `${feature}=()`).join(", "),
    // Browsers apply it to top-level documents only, so the portal framed by JupyterLab is unaffected;
    // opened in a tab of its own it shares no window with pages of other origins.
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}
