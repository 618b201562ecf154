import "server-only";
import type { SignIn } from "@/server/auth";
import { db } from "@/server/db/client";
import type { StagingMode } from "@/lib/db/values";
import { env } from "@/server/env";
import { getDid, RucioError, RucioUnavailableError, type Did } from "@/server/rucio";
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
  const base: RequestBase = {
    userId: signIn.userId,
    instance,
    account: identity.account,
    scope: did.scope,
    name: did.name,
    ...totals(did),
  };
  if ((input.mode ?? config.defaultMode) === "DOWNLOAD") {
    const issued = issueProgressToken(config.progressTokenTtlSeconds);
    const row = await db.stagingRequest.create({
      data: {
        ...base,
        mode: "DOWNLOAD",
        destination: input.destination ?? config.downloadFolder,
        progressTokenHash: issued.hash,
        progressTokenExpiresAt: issued.expiresAt,
        events: { create: { kind: "CREATED", message: `Download requested by ${identity.account}` } },
      },
    });
    return {
      staging: toStagingView(row),
      didType: did.type,
      progressToken: { token: issued.token, expiresAt: issued.expiresAt.toISOString() },
    };
  }
  return { staging: await stageByRule(identity, did, base, config), didType: did.type };
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
): Promise<StagingView> {
  const through = identity.viaService ? " (through the portal's service identity)" : "";
  const row = await db.stagingRequest.create({
    data: {
      ...base,
      mode: "RULE",
      destination: config.rseExpression,
      nextCheckAt: new Date(Date.now() + CREATION_GRACE_MS),
      events: {
        create: {
          kind: "CREATED",
          message: `Rule to ${config.rseExpression} requested for account ${identity.account}${through}`,
        },
      },
    },
  });
  let placed;
  try {
    placed = await placeRule(identity, { scope: did.scope, name: did.name }, config, base.userId);
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
