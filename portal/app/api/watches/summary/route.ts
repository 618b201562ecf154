import type { WatchSummaryResponse } from "@/lib/api-responses";
import { route } from "@/server/http";
import { watchSummary } from "@/server/watches";

export const dynamic = "force-dynamic";

/** GET /api/watches/summary: new matches over all the user's watches (the header badge, JupyterLab's status bar). */
export const GET = route({ access: "signed-in" }, ({ signIn }): Promise<WatchSummaryResponse> =>
  watchSummary(signIn.userId),
);
