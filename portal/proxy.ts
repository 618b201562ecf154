import { NextResponse, type NextRequest } from "next/server";
import { NONCE_HEADER, newNonce, parseFrameAncestors, securityHeaders } from "./server/security-headers";

const frameAncestors = parseFrameAncestors(process.env.PORTAL_FRAME_ANCESTORS);

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders(
    {
      pathname: request.nextUrl.pathname,
      nonce,
      // Next.js builds this URL from X-Forwarded-Proto when present, so a client can claim https here;
      // that only earns it a Strict-Transport-Security header, which browsers ignore on plain HTTP.
      https: request.nextUrl.protocol === "https:",
      development: process.env.NODE_ENV === "development",
    },
    frameAncestors,
  );
  // Next.js renders a page with the nonce it finds in the request's policy, so the page's own scripts
  // carry it; the layout reads it from NONCE_HEADER. Both replace whatever the client sent.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]!);
  requestHeaders.set(NONCE_HEADER, nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
