import "server-only";
import type { StagingPlan } from "@/lib/api-responses";
import type { StagingMode } from "@/lib/db/values";
import type { SignIn } from "@/server/auth";
import { getDid } from "@/server/rucio";
import { actingIdentity } from "@/server/staging/acting-identity";
import { stagingConfig, type StagingConfig } from "@/server/staging/config";
import { planStaging, type PlannerContext } from "./plan-staging";

// The staging planner: before Stage, where the data is, whether the session has it already, the quota
// it needs and how long it should take, estimated from the portal's own finished stagings.
export { assemblePlan, type PlanAnswers, type PlanRequest } from "./assemble-plan";
export { estimateAvailability, SESSION_DESTINATION, type FinishedStaging } from "./estimate";
export { planStaging, type PlannerContext } from "./plan-staging";
export { plannedRecord, type PlannedRecord } from "./planned-record";

export interface PlanInput {
  instance: string;
  scope: string;
  name: string;
  mode?: StagingMode;
  /** Download mode only: the session folder. */
  destination?: string;
}

/** GET …/plan: the plan for the signed-in user, acting as the identity a staging would act as. */
export async function planStagingFor(
  context: PlannerContext,
  signIn: SignIn,
  input: PlanInput,
  signal?: AbortSignal,
  config: StagingConfig = stagingConfig(),
): Promise<StagingPlan> {
  const identity = await actingIdentity(signIn, input.instance);
  const mode = input.mode ?? config.defaultMode;
  const destination = mode === "RULE" ? config.rseExpression : (input.destination ?? config.downloadFolder);
  const did = await getDid(identity.caller, input.scope, input.name);
  const files = did.type === "FILE" ? 1 : did.length;
  return planStaging(
    context,
    identity,
    signIn.userId,
    { instance: input.instance, scope: did.scope, name: did.name, mode, destination },
    { bytes: did.bytes, files },
    signal,
  );
}
