import { currentSignIn } from "@/server/auth";
import { stagingConfig } from "@/server/staging";
import { PlannedStaging } from "./planned-staging";

/**
 * The dataset page's staging plan (server component): for a user who can stage this DID, what a click
 * on Stage would do; nothing for anyone else (the Stage button says why).
 */
export async function StagingPlanSection({ instance, scope, name }: { instance: string; scope: string; name: string }) {
  const signIn = await currentSignIn();
  if (!signIn?.account || signIn.instance !== instance) return null;
  return <PlannedStaging target={{ instance, scope, name }} configuredMode={stagingConfig().defaultMode} />;
}
