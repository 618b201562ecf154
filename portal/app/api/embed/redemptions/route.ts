import { NextResponse } from "next/server";
import { z } from "zod";
import type { EmbedRedemptionResponse } from "@/lib/api-responses";
import { redeemEmbedCode, sessionCookieFor, signInOfRequest } from "@/server/auth";
import { route } from "@/server/http";

export const dynamic = "force-dynamic";

const base64url43 = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

const redemption = z
  .object({
    code: base64url43,
    nonce: base64url43,
    replaceSession: z.boolean().default(false),
  })
  .strict();

/**
 * POST /api/embed/redemptions { code, nonce, replaceSession? }, sent by /embed/start inside the panel
 * with the nonce its parent handed it: 200 { account } and the session cookie of this frame. 410 for a
 * used or late code, 403 for a nonce that is not the code's, 409 { signedInAs, account } while another
 * portal user is signed in here and replaceSession is not set. Public: the code and its nonce are the proof.
 */
export const POST = route(
  { access: "public", body: redemption, rateLimit: "embed-sign-in" },
  async ({ body, request }) => {
    const signIn = await redeemEmbedCode(body, await signInOfRequest(request));
    const response = NextResponse.json({ account: signIn.userName } satisfies EmbedRedemptionResponse);
    const cookie = await sessionCookieFor(signIn);
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return response;
  },
);
