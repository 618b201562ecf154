import type { InstancesResponse } from "@/lib/api-responses";
import { route } from "@/server/http";
import { describeInstances } from "@/server/instances-overview";

export const dynamic = "force-dynamic";

/** Configured Rucio instances and their scopes; an unreachable instance carries an `error` instead. */
export const GET = route({ access: "catalog", rateLimit: "live-rucio" }, async (): Promise<InstancesResponse> => ({
  instances: await describeInstances(),
}));
