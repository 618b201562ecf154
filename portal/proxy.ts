import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, parseFrameAncestors } from "./server/security-headers";

const frameAncestors = parseFrameAncestors(process.env.PORTAL_FRAME_ANCESTORS);

export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  response.headers.set("Content-Security-Policy", contentSecurityPolicy(request.nextUrl.pathname, frameAncestors));
  if (request.nextUrl.pathname.startsWith("/api/")) response.headers.set("X-Frame-Options", "DENY");
  return response;
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
