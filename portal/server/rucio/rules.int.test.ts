import { afterAll, beforeAll, expect, it } from "vitest";
import * as rucio from "./index";
import { uniqueSuffix, uploadDataset } from "../../../testing/local-rucio";

// A rule to SWAN-MOUNT taken to OK by the local Rucio's conveyor daemons (mock transfer tool: no bytes move).
const instance = rucio.defaultInstanceName();
const jdoe = () => rucio.userpassCaller(instance, { username: "jdoe", password: "jdoe-secret" });
const alice = () => rucio.userpassCaller(instance, { username: "alice", password: "alice-secret" });
const root = () => rucio.serviceCaller(instance);
const DESTINATION = "SWAN-MOUNT";

let target: rucio.DidRef;
let ruleId: string | undefined;

async function all<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

/** A demo dataset nobody has replicated to SWAN-MOUNT yet (each run uses one up, other suites use some too). */
async function untouchedDemoDataset(): Promise<rucio.DidRef | undefined> {
  for (const scope of ["mc20_13TeV", "data18_13TeV", "cms_run2"]) {
    const datasets = (await all(rucio.searchDids(jdoe(), scope, { type: "dataset" }))).reverse();
    for (const dataset of datasets) {
      const rules = await all(rucio.listDidRules(jdoe(), dataset.scope, dataset.name));
      if (rules.some((rule) => rule.rse_expression === DESTINATION)) continue;
      const there = await all(rucio.listReplicas(jdoe(), [dataset], { rseExpression: DESTINATION, allStates: true }));
      if (there.length === 0) return { scope: dataset.scope, name: dataset.name };
    }
  }
  return undefined;
}

beforeAll(async () => {
  const demo = await untouchedDemoDataset();
  if (demo) {
    target = demo;
  } else {
    // Every demo dataset has been staged by earlier runs: stage a fresh one instead.
    target = { scope: "user.jdoe", name: `user.jdoe.gateway-rule.${uniqueSuffix()}` };
    await uploadDataset("jdoe", target.scope, target.name, 3);
  }
});

afterAll(async () => {
  if (ruleId) await rucio.deleteRule(root(), ruleId).catch(() => undefined);
});

it("a rule by jdoe to SWAN-MOUNT goes REPLICATING -> OK through the daemons", async () => {
  const files = await all(rucio.listFiles(jdoe(), target.scope, target.name));
  [ruleId] = await rucio.addRule(jdoe(), {
    dids: [target],
    rseExpression: DESTINATION,
    lifetime: 7 * 86400,
    comment: "gateway integration test",
  });
  expect(ruleId).toMatch(/^[0-9a-f]{32}$/);

  const states: string[] = [];
  const deadline = Date.now() + 180_000;
  let rule = await rucio.getRule(jdoe(), ruleId!);
  states.push(rule.state);
  while (rule.state !== "OK" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    rule = await rucio.getRule(jdoe(), ruleId!);
    if (states.at(-1) !== rule.state) states.push(rule.state);
  }
  console.info(`rule ${ruleId} on ${target.scope}:${target.name}: ${states.join(" -> ")}`);
  expect(states).toEqual(["REPLICATING", "OK"]);
  expect(rule).toMatchObject({
    account: "jdoe",
    rse_expression: DESTINATION,
    locks_ok_cnt: files.length,
    locks_replicating_cnt: 0,
  });
  expect(rule.expires_at).toBeInstanceOf(Date);

  const locks = await all(rucio.listRuleLocks(jdoe(), ruleId!));
  expect(locks).toHaveLength(files.length);
  expect(locks.every((lock) => lock.state === "OK" && lock.rse === DESTINATION && lock.rule_id === ruleId)).toBe(true);
  const replicas = await all(rucio.listReplicas(jdoe(), [target], { rseExpression: DESTINATION, allStates: true }));
  expect(replicas.map((replica) => replica.states[DESTINATION])).toEqual(files.map(() => "AVAILABLE"));
  expect(await all(rucio.listDidRules(jdoe(), target.scope, target.name))).toContainEqual(
    expect.objectContaining({ id: ruleId, state: "OK" }),
  );
}, 200_000);

it("a second identical rule is a typed conflict (DuplicateRule)", async () => {
  const error = await rucio.addRule(jdoe(), { dids: [target], rseExpression: DESTINATION }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(rucio.RucioConflictError);
  expect(error).toMatchObject({ exceptionClass: "DuplicateRule", status: 409 });
});

it("a rule over quota is a typed conflict (InsufficientAccountLimit)", async () => {
  // alice may place 1 KiB on SWAN-MOUNT (rucio/bootstrap_demo.py).
  const error = await rucio.addRule(alice(), { dids: [target], rseExpression: DESTINATION }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(rucio.RucioConflictError);
  expect(error).toMatchObject({ exceptionClass: "InsufficientAccountLimit" });
});

it("only an admin may delete a rule (generic policy), and Rucio then expires it within the hour", async () => {
  const refused = await rucio.deleteRule(jdoe(), ruleId!).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(rucio.RucioAccessDeniedError);
  expect(refused).toMatchObject({ exceptionClass: "AccessDenied", status: 401 });
  await rucio.deleteRule(root(), ruleId!);
  const expiresAt = (await rucio.getRule(jdoe(), ruleId!)).expires_at;
  expect(expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000 + 60_000);
  ruleId = undefined;
});

it("an unknown rule is a typed not-found", async () => {
  await expect(rucio.getRule(jdoe(), "0123456789abcdef0123456789abcdef")).rejects.toMatchObject({
    kind: "not_found",
    exceptionClass: "RuleNotFound",
  });
});
