import "server-only";
import { whoami } from "./accounts";
import { encodeSegment, requestJson, requestNoContent, requestStream, type RucioCaller } from "./http";
import type { DidRef, ReplicaLock, Rule } from "./types";

export interface AddRuleRequest {
  dids: DidRef[];
  rseExpression: string;
  copies?: number;
  /** Account the rule is charged to; defaults to the caller's own account. */
  account?: string;
  /** Seconds until the rule expires; none = forever. */
  lifetime?: number;
  grouping?: "ALL" | "DATASET" | "NONE";
  activity?: string;
  comment?: string;
  sourceReplicaExpression?: string;
  /** Create the rule in the background: Rucio answers at once and the rule starts in INJECT. */
  asynchronous?: boolean;
  askApproval?: boolean;
  notify?: "Y" | "N" | "C" | "P";
  priority?: number;
  meta?: Record<string, unknown>;
}

async function chargedAccount(caller: RucioCaller, account: string | undefined): Promise<string> {
  if (account) return account;
  const credentials = caller.credentials;
  if (credentials.type === "userpass" && credentials.account) return credentials.account;
  return (await whoami(caller)).account;
}

/**
 * POST /rules/ -> the ids of the rules created (one per DID). Quota, RSE-expression and duplicate
 * problems throw RucioConflictError. Not retried once sent unless `retry` is set: a repeated request
 * fails with DuplicateRule when the first one succeeded unanswered, which only a caller that then
 * looks for that rule (staging's placeRule) can turn into success.
 */
export async function addRule(caller: RucioCaller, request: AddRuleRequest, { retry = false } = {}): Promise<string[]> {
  return requestJson<string[]>(caller, {
    method: "POST",
    path: "/rules/",
    body: {
      dids: request.dids.map(({ scope, name }) => ({ scope, name })),
      account: await chargedAccount(caller, request.account),
      copies: request.copies ?? 1,
      rse_expression: request.rseExpression,
      lifetime: request.lifetime,
      grouping: request.grouping,
      activity: request.activity,
      comment: request.comment,
      source_replica_expression: request.sourceReplicaExpression,
      asynchronous: request.asynchronous,
      ask_approval: request.askApproval,
      notify: request.notify,
      priority: request.priority,
      meta: request.meta,
    },
    accept: "application/json",
    idempotent: retry,
  });
}

/** GET /rules/{id}. */
export function getRule(caller: RucioCaller, ruleId: string): Promise<Rule> {
  return requestJson<Rule>(caller, {
    method: "GET",
    path: `/rules/${encodeSegment(ruleId)}`,
    accept: "application/json",
  });
}

/** GET /rules/{id}/locks, streamed: one lock per file and RSE, with its state. Unknown ids yield nothing. */
export function listRuleLocks(caller: RucioCaller, ruleId: string): AsyncGenerator<ReplicaLock> {
  return requestStream<ReplicaLock>(caller, {
    method: "GET",
    path: `/rules/${encodeSegment(ruleId)}/locks`,
    accept: "application/x-json-stream",
  });
}

/**
 * DELETE /rules/{id}. Rucio soft-deletes: the rule's expiry moves to within the hour and its cleaner
 * daemon removes it then. `purgeReplicas` also deletes the replicas the rule protected. Rucio's generic
 * policy lets only root/admin accounts delete rules (others get RucioAccessDeniedError).
 */
export function deleteRule(
  caller: RucioCaller,
  ruleId: string,
  options: { purgeReplicas?: boolean } = {},
): Promise<void> {
  return requestNoContent(caller, {
    method: "DELETE",
    path: `/rules/${encodeSegment(ruleId)}`,
    // Rucio requires a JSON object body on this DELETE, even an empty one.
    body: options.purgeReplicas === undefined ? {} : { purge_replicas: options.purgeReplicas },
    accept: "*/*",
    idempotent: false,
  });
}

/**
 * PUT /rules/{id} with a new lifetime: the rule then expires that many seconds from now (this also
 * undoes a soft delete that has not been carried out yet). Sending it twice only moves the expiry by
 * the time between the two, so it is retried like a read. Rucio's generic policy lets only root/admin
 * accounts update rules (others get RucioAccessDeniedError).
 */
export function setRuleLifetime(caller: RucioCaller, ruleId: string, lifetimeSeconds: number): Promise<void> {
  return requestNoContent(caller, {
    method: "PUT",
    path: `/rules/${encodeSegment(ruleId)}`,
    body: { options: { lifetime: lifetimeSeconds } },
    accept: "*/*",
    idempotent: true,
  });
}

/** GET /dids/{scope}/{name}/rules, streamed: the rules placed directly on a DID. */
export function listDidRules(caller: RucioCaller, scope: string, name: string): AsyncGenerator<Rule> {
  return requestStream<Rule>(caller, {
    method: "GET",
    path: `/dids/${encodeSegment(scope)}/${encodeSegment(name)}/rules`,
    accept: "application/x-json-stream",
  });
}
