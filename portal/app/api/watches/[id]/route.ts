import type { WatchDetailsResponse } from "@/lib/api-responses";
import { route } from "@/server/http";
import { deleteWatch, getWatch, updateWatch, watchIdParams, watchPatch } from "@/server/watches";

export const dynamic = "force-dynamic";

/** GET /api/watches/{id}: one of the user's watches with its matches; anyone else's is a 404. */
export const GET = route(
  { access: "signed-in", params: watchIdParams },
  ({ signIn, params }): Promise<WatchDetailsResponse> => getWatch(signIn.userId, params.id),
);

/** PATCH /api/watches/{id} { name?, autoStage?, viewed? }: rename, switch auto-stage, mark as looked at. */
export const PATCH = route(
  { access: "signed-in", params: watchIdParams, body: watchPatch },
  async ({ signIn, params, body }) => ({
    watch: await updateWatch(signIn.userId, params.id, body),
  }),
);

/** DELETE /api/watches/{id}: stop watching (its feed address stops working too). */
export const DELETE = route({ access: "signed-in", params: watchIdParams }, async ({ signIn, params }) => {
  await deleteWatch(signIn.userId, params.id);
  return new Response(null, { status: 204 });
});
