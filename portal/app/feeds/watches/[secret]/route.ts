import { route } from "@/server/http";
import { feedDocument, feedSecretParams } from "@/server/watches";

export const dynamic = "force-dynamic";

/** GET /feeds/watches/{secret}: a watch's Atom feed. The secret in the address is the credential. */
export const GET = route(
  { access: "public", params: feedSecretParams, cacheControl: "private, max-age=60" },
  async ({ params, request }) =>
    new Response(await feedDocument(params.secret, request.nextUrl.origin), {
      headers: { "Content-Type": "application/atom+xml; charset=utf-8" },
    }),
);
