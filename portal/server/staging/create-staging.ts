import "server-only";
import type { SignIn } from "@/server/auth";
import { db } from "@/server/db/client";
import type { StagingMode } from "@/lib/db/values";
import { env } from "@/server/env";
import { getDid, RucioError, RucioUnavailableError, type Did } from "@/server/rucio";
import { planStaging, plannedRecord, type PlannedRecord } from "@/server/planner";
import { actingIdentity, type ActingIdentity } from "./acting-identity";
import { stagingConfig, type StagingConfig } from "./config";
import { StagingError } from "./errors";
import { formatDuration } from "@/lib/staging/progress";
import { recordCreatedRule, releaseRule } from "./portal-rules";
import { issueProgressToken } from "./progress-token";
import { refusalOf } from "./rucio-refusals";
import { placeRule, type PlacedRule } from "./rule-placement";
import type { CreatedStaging, StagingView } from "@/lib/api-responses";
import { toStagingView } from "./views";

export interface NewStaging {
  instance?: string;
  scope: string;
  name: string;
  mode?: StagingMode;
  /** Download mode only: folder in the session, relative to the executor's download root. */
  destination?: string;
}

/**
 * How long the tracker leaves a new rule-mode request alone while its POST is still talking to Rucio;
 * after that an orphan (portal stopped mid-request, Rucio timed out) is adopted or failed.
 */
export const CREATION_GRACE_MS = 90_000;

async function describeDid(identity: ActingIdentity, scope: string, name: string): Promise<Did> {
  try {
    return await getDid(identity.caller, scope, name);
  } catch (error) {
    if (error instanceof RucioError)
      throw refusalOf(error, `Rucio cannot give ${scope}:${name} to ${identity.account}`);
    throw error;
  }
}

/** Staging requests reference their instance; the catalog's indexer may not have recorded it yet. */
async function ensureInstanceRow(instance: string): Promise<void> {
  const config = env.instances.find((candidate) => candidate.name === instance);
  if (!config) throw new StagingError(400, `Unknown Rucio instance "${instance}"`);
  await db.rucioInstance.upsert({
    where: { name: instance },
    create: { name: instance, url: config.url, vo: config.vo },
    update: {},
  });
}

/** The columns every request of this click shares, whatever the mode. */
interface RequestBase {
  userId: string;
  instance: string;
  account: string;
  scope: string;
  name: string;
  filesTotal: number | null;
  bytesTotal: bigint | null;
  estimatedSeconds: number | null;
  estimateConfidence: string | null;
}

function totals(did: Did) {
  const isFile = did.type === "FILE";
  return {
    filesTotal: isFile ? 1 : did.length,
    bytesTotal: did.bytes === null ? null : BigInt(did.bytes),
  };
}

/** One click on Stage: records the request, then creates (or reuses) the rule, or issues a download token. */
export async function createStagingRequest(
  signIn: SignIn,
  input: NewStaging,
  config: StagingConfig = stagingConfig(),
): Promise<CreatedStaging> {
  const instance = input.instance ?? signIn.instance;
  const identity = await actingIdentity(signIn, instance);
  const did = await describeDid(identity, input.scope, input.name);
  await ensureInstanceRow(instance);
  const mode = input.mode ?? config.defaultMode;
  const destination = mode === "RULE" ? config.rseExpression : (input.destination ?? config.downloadFolder);
  const planned = await planRequest(identity, signIn.userId, { instance, mode, destination }, did);
  const base: RequestBase = {
    userId: signIn.userId,
    instance,
    account: identity.account,
    scope: did.scope,
    name: did.name,
    ...totals(did),
    estimatedSeconds: planned.record.estimatedSeconds,
    estimateConfidence: planned.record.estimateConfidence,
  };
  if (planned.refusal) await refuseOverQuota(base, destination, planned);
  if (mode === "DOWNLOAD") {
    const issued = issueProgressToken(config.progressTokenTtlSeconds);
    const row = await db.stagingRequest.create({
      data: {
        ...base,
        mode: "DOWNLOAD",
        destination,
        progressTokenHash: issued.hash,
        progressTokenExpiresAt: issued.expiresAt,
        events: {
          create: [{ kind: "CREATED", message: `Download requested by ${identity.account}` }, planned.record.event],
        },
      },
    });
    return {
      staging: toStagingView(row),
      didType: did.type,
      progressToken: { token: issued.token, expiresAt: issued.expiresAt.toISOString() },
    };
  }
  return { staging: await stageByRule(identity, did, base, config, planned.record), didType: did.type };
}

interface Planned {
  record: PlannedRecord;
  /** The request would exceed the account's quota: refused before any rule is made. */
  refusal: string | null;
}

/** The plan at the click. Without one (Rucio did not answer) the request goes on and Rucio has the last word. */
async function planRequest(
  identity: ActingIdentity,
  userId: string,
  where: { instance: string; mode: StagingMode; destination: string },
  did: Did,
): Promise<Planned> {
  try {
    const request = { ...where, scope: did.scope, name: did.name };
    const files = did.type === "FILE" ? 1 : did.length;
    const plan = await planStaging({ db }, identity, userId, request, { bytes: did.bytes, files });
    return { record: plannedRecord({ plan }), refusal: plan.refusal };
  } catch (error) {
    if (!(error instanceof RucioError)) throw error;
    return { record: plannedRecord({ error: error.message }), refusal: null };
  }
}

/** Records the refused request in the user's history, as Rucio's own refusals are, and refuses it. */
async function refuseOverQuota(base: RequestBase, destination: string, planned: Planned): Promise<never> {
  const message = planned.refusal!;
  const failed = await db.stagingRequest.create({
    data: {
      ...base,
      mode: "RULE",
      destination,
      state: "FAILED",
      error: message,
      finishedAt: new Date(),
      events: {
        create: [
          { kind: "CREATED", message: `Rule to ${destination} requested for account ${base.account}` },
          planned.record.event,
          { kind: "ERROR", message },
        ],
      },
    },
  });
  throw new StagingError(409, message, toStagingView(failed));
}

function placementMessage(placed: PlacedRule, config: StagingConfig): string {
  if (placed.broughtBackFrom) {
    return (
      `Brought back your rule ${placed.ruleId}, which was to end at ${placed.broughtBackFrom.toISOString()} ` +
      `(cancelled, or its lifetime running out): it lasts ${formatDuration(config.ruleLifetimeSeconds)} again`
    );
  }
  return placed.reused ? `Reusing your existing rule ${placed.ruleId}` : `Rucio created rule ${placed.ruleId}`;
}

async function stageByRule(
  identity: ActingIdentity,
  did: Did,
  base: RequestBase,
  config: StagingConfig,
  planned: PlannedRecord,
): Promise<StagingView> {
  const through = identity.viaService ? " (through the portal's service identity)" : "";
  const row = await db.stagingRequest.create({
    data: {
      ...base,
      mode: "RULE",
      destination: config.rseExpression,
      nextCheckAt: new Date(Date.now() + CREATION_GRACE_MS),
      events: {
        create: [
          {
            kind: "CREATED",
            message: `Rule to ${config.rseExpression} requested for account ${identity.account}${through}`,
          },
          planned.event,
        ],
      },
    },
  });
  let placed;
  try {
    placed = await placeRule(identity, { scope: did.scope, name: did.name, open: did.open }, config, base.userId);
  } catch (error) {
    if (error instanceof RucioUnavailableError) {
      // The rule may or may not exist now: the tracker looks once the grace period is over.
      const message = `Rucio did not answer (${error.message}); the portal checks shortly whether the rule was created`;
      await db.stagingEvent.create({ data: { requestId: row.id, kind: "ERROR", message } });
      throw new StagingError(502, message, toStagingView(row));
    }
    const refusal = error instanceof RucioError ? refusalOf(error, "Rucio refused the rule") : error;
    if (!(refusal instanceof StagingError)) throw error;
    const failed = await db.stagingRequest.update({
      where: { id: row.id },
      data: {
        state: "FAILED",
        error: refusal.message,
        finishedAt: new Date(),
        nextCheckAt: null,
        events: { create: { kind: "ERROR", message: refusal.message } },
      },
    });
    throw new StagingError(refusal.status, refusal.message, toStagingView(failed));
  }
  const rule = { requestId: row.id, userId: base.userId, instance: base.instance, ruleId: placed.ruleId };
  if (!placed.reused) await recordCreatedRule(rule);
  const now = new Date();
  const started = await db.stagingRequest.updateMany({
    where: { id: row.id, state: "QUEUED" },
    data: { state: "REPLICATING", ruleId: placed.ruleId, startedAt: now, nextCheckAt: now },
  });
  await db.stagingEvent.create({
    data: {
      requestId: row.id,
      kind: "STATE",
      message: placementMessage(placed, config),
      data: { ruleId: placed.ruleId, reused: placed.reused, broughtBackFrom: placed.broughtBackFrom?.toISOString() },
    },
  });
  if (started.count === 0 && (!placed.reused || placed.broughtBackFrom)) {
    // Cancelled while Rucio was creating (or bringing back) the rule: let it go again, as a cancel would.
    const message = await releaseRule(rule).catch(
      (error: unknown) =>
        `Rule ${placed.ruleId} was not let go of: ${error instanceof Error ? error.message : String(error)}`,
    );
    await db.stagingEvent.create({ data: { requestId: row.id, kind: "STATE", message } });
  }
  return toStagingView(await db.stagingRequest.findUniqueOrThrow({ where: { id: row.id } }));
}
