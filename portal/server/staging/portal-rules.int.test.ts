import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadStagingModules, useStagingDatabase } from "./int-test-support";
import { freshJdoeDataset, rucioCli } from "../../../testing/local-rucio";

// Which rules the portal's service identity may delete (cancel) or bring back (staging again): only
// rules the portal created for the same portal user, and for a bring-back only ones its own cancel
// deleted. Real local Rucio, fresh SQLite catalog database.

let modules: Awaited<ReturnType<typeof load>>;
const load = async () => ({ ...(await loadStagingModules()), auth: await import("@/server/auth/sign-ins") });

const DESTINATION = "SWAN-MOUNT";
const rulesToClean = useStagingDatabase("portal_rules", async () => {
  modules = await load();
});

const config = () => ({ ...modules.stagingConfig(), rseExpression: DESTINATION, ruleLifetimeSeconds: 86_400 });

async function stage(
  signIn: Parameters<typeof modules.createStagingRequest>[0],
  dataset: { scope: string; name: string },
) {
  const { staging } = await modules.createStagingRequest(signIn, dataset, config());
  if (staging.ruleId) rulesToClean.push(staging.ruleId);
  return staging;
}

async function freshDataset(label: string) {
  const { scope, name } = await freshJdoeDataset(label, 1);
  return { scope, name };
}

/** When Rucio will remove the rule (null: never); a deleted rule ends within the hour. */
async function ruleEnd(ruleId: string): Promise<number | null> {
  return (await modules.rucio.getRule(modules.rucio.serviceCaller(), ruleId)).expires_at?.getTime() ?? null;
}

const deletedWithinTheHour = (end: number | null) => end !== null && end <= Date.now() + 3600_000 + 60_000;

async function lastEvent(signIn: Parameters<typeof modules.getStagingRequest>[0], id: string): Promise<string> {
  return (await modules.getStagingRequest(signIn, id)).events.at(-1)!.message!;
}

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(modules.StagingError);
  return error as InstanceType<typeof modules.StagingError>;
}

/** A second portal user acting as the same Rucio account: a colleague whose single sign-on maps to jdoe. */
async function colleagueOfJdoe() {
  const identity = { issuer: "https://sso.example.org", subject: randomUUID(), name: "Colleague of jdoe" };
  const started = await modules.auth.startOidcSignIn(identity, modules.rucio.defaultInstanceName(), "jdoe");
  return (await modules.auth.findSignIn(started.credentialId, started.userId))!;
}

describe("cancel", () => {
  it("leaves in Rucio a rule jdoe made outside the portal that the request reused", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const dataset = await freshDataset("own-rule");
    const [ruleId] = (
      await rucioCli("jdoe", [
        "rule",
        "add",
        `${dataset.scope}:${dataset.name}`,
        "--copies",
        "1",
        "--rses",
        DESTINATION,
      ])
    )
      .trim()
      .split(/\s+/)
      .slice(-1);
    rulesToClean.push(ruleId!);
    const staging = await stage(jdoe, dataset);
    expect(staging.ruleId).toBe(ruleId);

    const cancelled = await modules.cancelStagingRequest(jdoe, staging.id);
    expect(cancelled.state).toBe("CANCELLED");
    expect(await ruleEnd(ruleId!)).toBeNull();
    expect(await lastEvent(jdoe, staging.id)).toBe(
      `Cancelled: this request no longer follows rule ${ruleId}, which stays in Rucio untouched: the portal did not create it ` +
        "(it was already in your Rucio account), so it only deletes rules it made itself",
    );
  }, 120_000);

  it("does not delete a rule the portal made for jdoe while a colleague's request still uses it, nor for the colleague", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const colleague = await colleagueOfJdoe();
    const dataset = await freshDataset("shared-rule");
    const mine = await stage(jdoe, dataset);
    const theirs = await stage(colleague, dataset);
    expect(theirs.ruleId).toBe(mine.ruleId);
    const ruleId = mine.ruleId!;
    const end = await ruleEnd(ruleId);

    expect((await modules.cancelStagingRequest(jdoe, mine.id)).state).toBe("CANCELLED");
    expect(await ruleEnd(ruleId)).toBe(end);
    expect(deletedWithinTheHour(end)).toBe(false);
    expect(await lastEvent(jdoe, mine.id)).toBe(
      `Cancelled: this request no longer follows rule ${ruleId}, which stays in Rucio untouched: 1 other staging request still uses it`,
    );
    expect((await modules.getStagingRequest(colleague, theirs.id)).staging.state).not.toBe("CANCELLED");

    expect((await modules.cancelStagingRequest(colleague, theirs.id)).state).toBe("CANCELLED");
    expect(await ruleEnd(ruleId)).toBe(end);
    expect(await lastEvent(colleague, theirs.id)).toMatch(
      /the portal created it for another portal user who shares your Rucio account$/,
    );
  }, 120_000);
});

describe("staging again", () => {
  it("does not bring back the portal's rule that an administrator (root) deleted, before or after jdoe cancels", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const dataset = await freshDataset("admin-deleted");
    const first = await stage(jdoe, dataset);
    const ruleId = first.ruleId!;
    await rucioCli("root", ["rule", "remove", ruleId]);
    const end = await ruleEnd(ruleId);
    expect(deletedWithinTheHour(end)).toBe(true);

    const whileLive = await refusal(modules.createStagingRequest(jdoe, dataset, config()));
    expect(whileLive.status).toBe(409);
    expect(whileLive.message).toContain("a deleted rule stays in Rucio, soft-deleted, for up to an hour");
    expect(whileLive.message).toContain(
      "the portal did not delete it (someone else, such as a Rucio administrator, did",
    );
    expect(whileLive.message).toContain(`Try again after ${new Date(end!).toISOString()}`);
    expect(await ruleEnd(ruleId)).toBe(end);

    await modules.cancelStagingRequest(jdoe, first.id);
    expect(await lastEvent(jdoe, first.id)).toMatch(
      new RegExp(`^Cancelled: rule ${ruleId} already ends at .*deleted in Rucio by someone else`),
    );
    expect((await refusal(modules.createStagingRequest(jdoe, dataset, config()))).status).toBe(409);
    expect(await ruleEnd(ruleId)).toBe(end);
  }, 120_000);

  it("does not bring back for a colleague a rule the portal made and deleted for jdoe", async () => {
    const jdoe = await modules.signInAs("jdoe");
    const dataset = await freshDataset("other-user");
    const first = await stage(jdoe, dataset);
    await modules.cancelStagingRequest(jdoe, first.id);
    const end = await ruleEnd(first.ruleId!);
    expect(deletedWithinTheHour(end)).toBe(true);

    const error = await refusal(modules.createStagingRequest(await colleagueOfJdoe(), dataset, config()));
    expect(error.message).toContain("the portal created it for another portal user who shares your Rucio account");
    expect(await ruleEnd(first.ruleId!)).toBe(end);
  }, 120_000);
});
