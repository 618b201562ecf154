import type { StagingDetailsResponse, StagingResponse } from "@/lib/api-responses";
import { route } from "@/server/http";
import { cancelStagingRequest, getStagingRequest, stagingIdParams } from "@/server/staging";

export const dynamic = "force-dynamic";

/** GET /api/stagings/{id}: one of the user's requests with its latest events; anyone else's is a 404. */
export const GET = route(
  { access: "signed-in", params: stagingIdParams },
  ({ signIn, params }): Promise<StagingDetailsResponse> => getStagingRequest(signIn, params.id),
);

/** DELETE /api/stagings/{id}: cancel (rule mode: delete the rule the portal made, or let go of it). */
export const DELETE = route(
  { access: "signed-in", params: stagingIdParams },
  async ({ signIn, params }): Promise<StagingResponse> => ({
    staging: await cancelStagingRequest(signIn, params.id),
  }),
);
