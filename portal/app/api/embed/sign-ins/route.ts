import { z } from "zod";
import type { EmbedSignInResponse } from "@/lib/api-responses";
import { issueEmbedCodeFor } from "@/server/auth";
import { reply, route } from "@/server/http";
import { embedCredentials } from "@/server/http/embed-input";

export const dynamic = "force-dynamic";

const embedSignIn = z
  .object({
    ...embedCredentials,
    next: z.string().max(2048).optional(),
    /** SHA-256 (base64url) of the nonce the panel keeps; only the frame holding the nonce can redeem the code. */
    frameNonceHash: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, "must be the base64url SHA-256 of the panel's sign-in nonce"),
  })
  .strict();

/**
 * POST /api/embed/sign-ins { rucioToken, frameNonceHash, instance?, next? }, called by a Jupyter server
 * for its user: 201 { code, expiresAt, account, startPath } when Rucio accepts the token. The panel loads
 * startPath, which redeems the code with the nonce (POST /api/embed/redemptions). 429 beyond the client's
 * rate or the account's limits. Public: the Rucio token is the credential, checked with Rucio.
 */
export const POST = route({ access: "public", body: embedSignIn, rateLimit: "embed-sign-in" }, async ({ body }) =>
  reply((await issueEmbedCodeFor(body)) satisfies EmbedSignInResponse, 201),
);
