import { NextResponse, type NextRequest } from "next/server";
import { parseFrameAncestors, securityHeaders } from "./server/security-headers";

const frameAncestors = parseFrameAncestors(process.env.PORTAL_FRAME_ANCESTORS);

export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  for (const [name, value] of Object.entries(securityHeaders(request.nextUrl.pathname, frameAncestors))) response.headers.set(name, value);
  return response;
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
