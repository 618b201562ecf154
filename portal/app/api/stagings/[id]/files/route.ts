import type { NextRequest } from "next/server";
import { json, parseInput, requireSignIn, respond, stagingIdParams, type StagingRouteContext } from "@/server/staging/http";
import { listStagedFiles } from "@/server/staging/local-paths";

export const dynamic = "force-dynamic";


/** GET /api/stagings/{id}/files: the rule's files available on the destination, with their local paths. */
export function GET(request: NextRequest, context: StagingRouteContext) {
  return respond(async () => {
    const signIn = await requireSignIn(request);
    const { id } = parseInput(stagingIdParams, await context.params);
    return json(await listStagedFiles(signIn, id));
  });
}
