import { route } from "@/server/http";
import { stagingIdParams } from "@/server/staging/ids";
import { cancelStagingRequest, getStagingRequest } from "@/server/staging/requests";

export const dynamic = "force-dynamic";

/** GET /api/stagings/{id}: one of the user's requests with its latest events; anyone else's is a 404. */
export const GET = route({ access: "signed-in", params: stagingIdParams }, ({ signIn, params }) => getStagingRequest(signIn, params.id));

/** DELETE /api/stagings/{id}: cancel (rule mode: delete the rule the portal made, or let go of it). */
export const DELETE = route({ access: "signed-in", params: stagingIdParams }, async ({ signIn, params }) => ({
  staging: await cancelStagingRequest(signIn, params.id),
}));
