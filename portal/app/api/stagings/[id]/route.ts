import type { NextRequest } from "next/server";
import { json, parseInput, requireSignIn, respond, stagingIdParams, type StagingRouteContext } from "@/server/staging/http";
import { cancelStagingRequest, getStagingRequest } from "@/server/staging/requests";

export const dynamic = "force-dynamic";


/** GET /api/stagings/{id}: one of the user's requests with its latest events; anyone else's is a 404. */
export function GET(request: NextRequest, context: StagingRouteContext) {
  return respond(async () => {
    const signIn = await requireSignIn(request);
    const { id } = parseInput(stagingIdParams, await context.params);
    return json(await getStagingRequest(signIn, id));
  });
}

/** DELETE /api/stagings/{id}: cancel (rule mode: delete the rule). */
export function DELETE(request: NextRequest, context: StagingRouteContext) {
  return respond(async () => {
    const signIn = await requireSignIn(request);
    const { id } = parseInput(stagingIdParams, await context.params);
    return json({ staging: await cancelStagingRequest(signIn, id) });
  });
}
