import type { WatchFeedResponse } from "@/lib/api-responses";
import { route } from "@/server/http";
import { renewFeed, revokeFeed, watchIdParams } from "@/server/watches";

export const dynamic = "force-dynamic";

/** POST /api/watches/{id}/feed: a new secret Atom feed address (shown once); the previous one stops working. */
export const POST = route(
  { access: "signed-in", params: watchIdParams },
  async ({ signIn, params, request }): Promise<WatchFeedResponse> => ({
    feedUrl: await renewFeed(signIn.userId, params.id, request.nextUrl.origin),
  }),
);

/** DELETE /api/watches/{id}/feed: revoke the feed address. */
export const DELETE = route({ access: "signed-in", params: watchIdParams }, async ({ signIn, params }) => {
  await revokeFeed(signIn.userId, params.id);
  return new Response(null, { status: 204 });
});
