import type { NextRequest } from "next/server";
import { z } from "zod";
import { json, parseInput, requireSignIn, respond, STAGING_ID } from "@/server/staging/http";
import { listStagedFiles } from "@/server/staging/local-paths";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const params = z.object({ id: z.string().regex(STAGING_ID, "not a staging request id") });

/** GET /api/stagings/{id}/files: the rule's files available on the destination, with their local paths. */
export function GET(request: NextRequest, context: Context) {
  return respond(async () => {
    const signIn = await requireSignIn(request);
    const { id } = parseInput(params, await context.params);
    return json(await listStagedFiles(signIn, id));
  });
}
