import type { NextRequest } from "next/server";
import { z } from "zod";
import { json, parseInput, requireSignIn, respond, STAGING_ID } from "@/server/staging/http";
import { cancelStagingRequest, getStagingRequest } from "@/server/staging/requests";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const params = z.object({ id: z.string().regex(STAGING_ID, "not a staging request id") });

/** GET /api/stagings/{id}: one of the user's requests with its latest events; anyone else's is a 404. */
export function GET(request: NextRequest, context: Context) {
  return respond(async () => {
    const signIn = await requireSignIn(request);
    const { id } = parseInput(params, await context.params);
    return json(await getStagingRequest(signIn, id));
  });
}

/** DELETE /api/stagings/{id}: cancel (rule mode: delete the rule). */
export function DELETE(request: NextRequest, context: Context) {
  return respond(async () => {
    const signIn = await requireSignIn(request);
    const { id } = parseInput(params, await context.params);
    return json({ staging: await cancelStagingRequest(signIn, id) });
  });
}
