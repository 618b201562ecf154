import { NextResponse, type NextRequest } from "next/server";
import { safeCallbackPath } from "@/server/auth/callback-path";
import { redeemEmbedCode } from "@/server/auth/embed-sign-in";
import { sessionCookieFor } from "@/server/auth/session-cookie";

export const dynamic = "force-dynamic";

const CODE = /^[A-Za-z0-9_-]{43}$/;

/**
 * GET /embed/start?code=…&next=/path: the panel's first page. Redeems the one-time code for the
 * session cookie of this frame, then goes on to `next` (a path of this portal). A used, late or unknown
 * code leads to the sign-in page with the reason.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const next = safeCallbackPath(params.get("next"));
  const code = params.get("code") ?? "";
  const signIn = CODE.test(code) ? await redeemEmbedCode(code) : undefined;
  if (!signIn) return seeOther(`/signin?${new URLSearchParams({ error: "EmbedSignIn", callbackUrl: next })}`);
  const response = seeOther(next);
  const cookie = await sessionCookieFor(signIn);
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
}

// A relative Location keeps the host the browser used (Next.js reports 127.0.0.1 as localhost, which
// is another site for cookies). Referrer-Policy: no-referrer comes from the proxy (security-headers.ts).
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}
