import "server-only";

/**
 * Security headers of every response the proxy sees. Pages are embeddable by the allowlisted JupyterLab
 * origins only; API routes never. Read per request in the proxy so a deployment changes the allowlist
 * without a rebuild. JupyterLab trusts what the portal's pages post to it (cells, downloads), so a
 * script injected into a page would run code in the user's notebook: pages run only the portal's own
 * script files and inline scripts carrying this request's nonce.
 */
const DEFAULT_FRAME_ANCESTORS = ["http://127.0.0.1:8888", "http://localhost:8888"];

/** Browser features the portal never uses, refused for its pages and for anything they embed. */
const UNUSED_FEATURES = [
  "accelerometer",
  "autoplay",
  "bluetooth",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

export function parseFrameAncestors(value: string | undefined): string[] {
  if (!value?.trim()) return DEFAULT_FRAME_ANCESTORS;
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((origin) => {
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

/** What the headers of one response depend on besides the frame-ancestors allowlist. */
export interface ResponseContext {
  pathname: string;
  /** Fresh and unguessable per request; Next.js reads it from the policy and puts it on its scripts. */
  nonce: string;
  /** The request reached the portal over TLS. */
  https: boolean;
  /** `next dev`: React rebuilds server error stacks with eval, the dev overlay injects its own styles. */
  development: boolean;
}

/** Request header the proxy hands the nonce to the root layout in (for the theme boot script). */
export const NONCE_HEADER = "x-nonce";

export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
}

function pagePolicy({ nonce, development }: ResponseContext, frameAncestors: string[]): string[] {
  return [
    "default-src 'self'",
    // Inline scripts by the nonce, files from the portal itself (Next.js's chunks). No 'strict-dynamic':
    // it would also let any running script add inline or cross-origin scripts (browsers agree on that,
    // w3c/webappsec-csp#426), and the portal loads no script from elsewhere.
    `script-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-eval'" : ""}`,
    // The production build links its CSS files and writes no inline styles (the e2e test would see one).
    `style-src 'self'${development ? " 'unsafe-inline'" : ""}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors 'self' ${frameAncestors.join(" ")}`,
  ];
}

export function contentSecurityPolicy(context: ResponseContext, frameAncestors: string[]): string {
  // JSON needs no sources at all.
  const directives = isApi(context.pathname)
    ? ["default-src 'none'", "frame-ancestors 'none'"]
    : pagePolicy(context, frameAncestors);
  return directives.join("; ");
}

export function securityHeaders(context: ResponseContext, frameAncestors: string[]): Record<string, string> {
  const { pathname } = context;
  return {
    "Content-Security-Policy": contentSecurityPolicy(context, frameAncestors),
    ...(isApi(pathname) ? { "X-Frame-Options": "DENY" } : {}),
    // Browsers ignore it on plain HTTP, so it is sent only where it means something (RFC 6797 §8.1).
    ...(context.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
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
