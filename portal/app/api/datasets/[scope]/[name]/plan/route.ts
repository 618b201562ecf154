import { z } from "zod";
import { STAGING_MODES } from "@/lib/db/values";
import type { StagingPlanResponse } from "@/lib/api-responses";
import { HttpError, route } from "@/server/http";
import { didParams, instanceSchema } from "@/server/http/did-input";
import { withDidFailures } from "@/server/http/live-listing";
import { defaultInstanceName } from "@/server/rucio";
import { planStagingFor } from "@/server/planner";
import { downloadFolder } from "@/server/http/download-folder";

export const dynamic = "force-dynamic";

const planQuery = z.object({
  instance: instanceSchema.optional().transform((instance) => instance ?? defaultInstanceName()),
  mode: z.enum(STAGING_MODES).optional(),
  destination: downloadFolder.optional(),
});

/**
 * GET /api/datasets/{scope}/{name}/plan?mode=&destination=: before Stage, for the signed-in user: where
 * complete replicas are, whether the data is already available, the quota against what is missing, and
 * the estimated time until available.
 */
export const GET = route(
  { access: "signed-in", params: didParams, query: planQuery, rateLimit: "live-rucio" },
  ({ signIn, params, query, context, request }): Promise<StagingPlanResponse> => {
    if (query.destination !== undefined && query.mode !== "DOWNLOAD") {
      throw new HttpError(
        400,
        "destination: rule mode stages to the RSE the portal is configured for; a destination applies to download mode only",
      );
    }
    const ref = { instance: query.instance, ...params };
    return withDidFailures(ref, () =>
      planStagingFor(context, signIn, { ...ref, mode: query.mode, destination: query.destination }, request.signal),
    );
  },
);
