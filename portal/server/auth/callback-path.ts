import "server-only";

const PORTAL = "http://portal.invalid";
// Browsers drop tabs and newlines from a URL and read "\" as "/", so either can hide a "//" from a check.
// eslint-disable-next-line no-control-regex
const DOUBTFUL_CHARACTERS = /[\u0000-\u001f\u007f\\]/;
const MAX_DECODING_ROUNDS = 4;

/**
 * Only paths of this portal: anything else would make sign-in (and /embed/start) an open redirect.
 * The path is checked in its final form, after the URL parser has removed dot segments ("/.//x" becomes
 * "//x", a protocol-relative URL), and again as a layer that percent-decodes it would read it. Anything
 * doubtful becomes "/".
 */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || DOUBTFUL_CHARACTERS.test(value)) return "/";
  const url = parseOnPortal(value);
  if (!url || !staysOnPortal(url)) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  const reparsed = parseOnPortal(path);
  if (!reparsed || `${reparsed.pathname}${reparsed.search}${reparsed.hash}` !== path) return "/";
  const decoded = fullyDecoded(url.pathname);
  const decodedUrl = decoded === null ? null : parseOnPortal(decoded);
  if (!decodedUrl || !staysOnPortal(decodedUrl)) return "/";
  return path;
}

function parseOnPortal(value: string): URL | null {
  try {
    return new URL(value, PORTAL);
  } catch {
    return null;
  }
}

function staysOnPortal(url: URL): boolean {
  return url.origin === PORTAL && !url.pathname.startsWith("//") && !url.pathname.startsWith("/\\");
}

/** The path once every layer of percent-encoding is gone, or null when it does not settle or is malformed. */
function fullyDecoded(path: string): string | null {
  let current = path;
  for (let round = 0; round < MAX_DECODING_ROUNDS; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return next;
    current = next;
  }
  return null;
}
