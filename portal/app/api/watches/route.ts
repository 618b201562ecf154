import type { WatchesResponse } from "@/lib/api-responses";
import { reply, route } from "@/server/http";
import { createWatch, listWatches, newWatch } from "@/server/watches";

export const dynamic = "force-dynamic";

/** GET /api/watches: the signed-in user's watched searches with their new-match counts. */
export const GET = route({ access: "signed-in" }, async ({ signIn }): Promise<WatchesResponse> => ({
  watches: await listWatches(signIn.userId),
}));

/** POST /api/watches { name, query, sort?, autoStage? }: watch a search. 201 with the watch. */
export const POST = route({ access: "signed-in", body: newWatch }, async ({ signIn, body }) =>
  reply({ watch: await createWatch(signIn.userId, body) }, 201),
);
