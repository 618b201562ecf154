import { z } from "zod";
import type { EmbedRenewalResponse } from "@/lib/api-responses";
import { renewEmbedSignInsFor } from "@/server/auth";
import { reply, route } from "@/server/http";
import { embedCredentials } from "@/server/http/embed-input";

export const dynamic = "force-dynamic";

const embedRenewal = z
  .object({
    ...embedCredentials,
  })
  .strict();

/**
 * POST /api/embed/renewals { rucioToken, instance? }, called by a Jupyter server before the Rucio token
 * it signed its user's panel in with expires: 200 { account, tokenExpiresAt, renewed } once Rucio
 * accepts the token; the user's live embed sign-ins act with it from then on. Public like
 * /api/embed/sign-ins: the Rucio token is the credential, checked with Rucio.
 */
export const POST = route({ access: "public", body: embedRenewal, rateLimit: "embed-sign-in" }, async ({ body }) =>
  reply((await renewEmbedSignInsFor(body)) satisfies EmbedRenewalResponse, 200),
);
