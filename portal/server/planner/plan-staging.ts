import "server-only";
import type { StagingPlan } from "@/lib/api-responses";
import { summarizeReplicasNow } from "@/server/catalog/replica-summary";
import type { Database } from "@/server/db/client";
import { getRseQuota, resolveRseExpression, RucioError, type RseQuota } from "@/server/rucio";
import type { ActingIdentity } from "@/server/staging/acting-identity";
import { findOwnRule } from "@/server/staging/rule-placement";
import { assemblePlan, type PlanAnswers, type PlanRequest } from "./assemble-plan";
import { findFinishedDownload, readFinishedStagings } from "./history";

export interface PlannerContext {
  db: Database;
}

/** The account's quota on each destination RSE; a refusal or silence from Rucio becomes a note, not a failure. */
async function readQuotas(identity: ActingIdentity, rses: string[]): Promise<RseQuota[] | { error: string }> {
  try {
    return await Promise.all(rses.map((rse) => getRseQuota(identity.caller, identity.account, rse)));
  } catch (error) {
    if (error instanceof RucioError) return { error: error.message };
    throw error;
  }
}

/** RSEs an expression selects; one that selects nothing is left to Rucio's refusal when the rule is made. */
async function resolveDestination(identity: ActingIdentity, expression: string): Promise<string[]> {
  try {
    return await resolveRseExpression(identity.caller, expression);
  } catch (error) {
    if (error instanceof RucioError && error.kind !== "unavailable") return [];
    throw error;
  }
}

/** Asks Rucio and the portal's history what a plan needs, for a DID whose size the caller has read. */
export async function planStaging(
  context: PlannerContext,
  identity: ActingIdentity,
  userId: string,
  request: PlanRequest,
  did: PlanAnswers["did"],
  signal?: AbortSignal,
): Promise<StagingPlan> {
  const ref = { instance: request.instance, scope: request.scope, name: request.name };
  const rule = request.mode === "RULE";
  const destinationRses = rule ? await resolveDestination(identity, request.destination) : [];
  const [replicas, quotas, existing, history, download] = await Promise.all([
    summarizeReplicasNow(ref, signal),
    rule ? readQuotas(identity, destinationRses) : Promise.resolve([]),
    rule ? findOwnRule(identity, ref, request.destination) : Promise.resolve(undefined),
    readFinishedStagings(context.db, request.instance, request.mode),
    rule
      ? Promise.resolve(null)
      : findFinishedDownload(context.db, { userId, ...ref, destination: request.destination }),
  ]);
  return assemblePlan(request, {
    did,
    replicas,
    destinationRses,
    quotas,
    existingRuleId: existing?.id ?? null,
    history,
    download,
  });
}
