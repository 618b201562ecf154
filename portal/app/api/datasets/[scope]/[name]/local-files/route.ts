import { z } from "zod";
import type { StagedFiles } from "@/lib/api-responses";
import { route } from "@/server/http";
import { didParams, instanceSchema } from "@/server/http/did-input";
import { withDidFailures } from "@/server/http/live-listing";
import { defaultInstanceName } from "@/server/rucio";
import { listMountedFiles } from "@/server/staging";

export const dynamic = "force-dynamic";

const localFilesQuery = z.object({
  instance: instanceSchema.optional().transform((instance) => instance ?? defaultInstanceName()),
});

/**
 * GET /api/datasets/{scope}/{name}/local-files: the DID's files Rucio lists as AVAILABLE on the RSE
 * sessions mount, with their local paths there, so Insert into notebook needs no staging request.
 */
export const GET = route(
  { access: "signed-in", params: didParams, query: localFilesQuery, rateLimit: "live-rucio" },
  ({ params, query }): Promise<StagedFiles> => {
    const ref = { instance: query.instance, ...params };
    return withDidFailures(ref, () => listMountedFiles(ref));
  },
);
