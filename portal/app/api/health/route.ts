import { route } from "@/server/http";
import { portalHealth } from "@/server/health";

export const dynamic = "force-dynamic";

/**
 * 200 when the catalog database answers and every configured Rucio instance answered its last probe,
 * 503 otherwise. Rucio is probed at most once per interval whatever the traffic, and the answer names
 * instances only, never their addresses or errors (those go to the log).
 */
export const GET = route({ access: "public" }, async () => {
  const health = await portalHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
