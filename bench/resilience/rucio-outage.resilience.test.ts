import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  resilienceRucio,
  resilienceRucioUp,
  startRucioAgain,
  stopRucioDaemons,
  stopRucioServer,
} from "./resilience-rucio";
import { api, CookieJarClient } from "../../testing/cookie-jar-client";
import { freshJdoeDataset } from "../../testing/local-rucio";
import { buildPortal, type PortalUnderTest, startBuiltPortal } from "../../testing/portal-under-test";
import { REPO_ROOT } from "../../testing/repo-root";
import { signInWithRucioPassword } from "../../testing/sign-in";
import { until } from "../../testing/until";
import { useStagingDatabase } from "../../portal/server/staging/int-test-support";

// Rucio stops for 30 s while the production portal tracks a rule-mode request of jdoe's. The portal keeps
// answering, says Rucio is unreachable and that it retries; once Rucio is back the request reaches OK,
// with one request row, one rule and one OK event. Runs on the resilience Rucio (port 8480), never on
// the one other tests use.

const OUTAGE_MS = 30_000;
let portal: PortalUnderTest | undefined;
let rucioStopped = false;
let modules: Awaited<ReturnType<typeof load>>;
const load = async () => ({ db: (await import("@/server/db/client")).db, rucio: await import("@/server/rucio") });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await resilienceRucioUp();
  Object.assign(process.env, resilienceRucio.env, { RUCIO_URL: resilienceRucio.url });
});
const ruleIds = useStagingDatabase("rucio_outage", async () => {
  modules = await load();
});
beforeAll(async () => {
  buildPortal(() => undefined);
  portal = await startBuiltPortal({
    build: "copy",
    label: "rucio-outage",
    env: {
      DATABASE_URL: process.env.DATABASE_URL!,
      RUCIO_URL: resilienceRucio.url,
      STAGING_TRACKER_INTERVAL_MS: "500",
      STAGING_TRACKER_MAX_INTERVAL_MS: "4000",
    },
  });
});

// Runs before the database's cleanup, which needs Rucio back to delete the rules.
afterAll(async () => {
  if (rucioStopped) await startRucioAgain();
  await portal?.stop();
});

type StagingAnswer = {
  staging: { id: string; state: string; ruleId: string; filesDone: number; filesTotal: number };
  events: { kind: string; message: string }[];
};
const STACK_TRACE = /\n\s+at \S+ \(|node_modules|\.tsx?:\d+/;

it("Rucio down for 30 s mid-staging: the portal says so and retries, then the request reaches OK, nothing lost or doubled", async () => {
  const dataset = await freshJdoeDataset("outage", 3);
  const other = await freshJdoeDataset("outage-other", 1);
  const client = new CookieJarClient();
  await signInWithRucioPassword(client, portal!.url, "jdoe", "jdoe-secret");

  // Daemons off first, so the rule is certainly still REPLICATING when the server goes.
  await stopRucioDaemons();
  rucioStopped = true;
  const created = await api(client, `${portal!.url}/api/stagings`, {
    method: "POST",
    body: { scope: dataset.scope, name: dataset.name },
  });
  expect(created.status, created.text).toBe(201);
  const { id, ruleId } = (created.json as StagingAnswer).staging;
  ruleIds.push(ruleId);
  await until(
    "the tracker's first poll",
    () => modules.db.stagingRequest.findUniqueOrThrow({ where: { id } }),
    (row) => row.trackerLeaseOwner !== null,
    30_000,
  );

  await stopRucioServer();
  const downAt = Date.now();
  await expect(fetch(`${resilienceRucio.url}/ping`)).rejects.toThrow();
  const answers: { status: number; body: string }[] = [];
  let page = "";
  let refusedPost: { status: number; text: string; json: Record<string, unknown> } | undefined;
  while (Date.now() - downAt < OUTAGE_MS) {
    const response = await api(client, `${portal!.url}/api/stagings/${id}`);
    answers.push({ status: response.status, body: response.text });
    if (!refusedPost)
      refusedPost = await api(client, `${portal!.url}/api/stagings`, {
        method: "POST",
        body: { scope: other.scope, name: other.name },
      });
    if (Date.now() - downAt > OUTAGE_MS / 2 && !page) page = (await client.visit(`${portal!.url}/stagings/${id}`)).body;
    await sleep(1_000);
  }
  const pollFailures =
    readFileSync(portal!.logFile, "utf8").match(new RegExp(`${id}: poll \\d+ failed`, "g"))?.length ?? 0;
  const restartAt = Date.now();
  await startRucioAgain();
  rucioStopped = false;

  // While Rucio was down: every answer a 200 with the request as recorded and the reason in its events.
  expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
  expect(answers.some((answer) => STACK_TRACE.test(answer.body))).toBe(false);
  const last = JSON.parse(answers.at(-1)!.body) as StagingAnswer;
  expect(last.staging.state).toBe("REPLICATING");
  const notice = last.events.find((event) => event.kind === "ERROR")?.message ?? "";
  expect(notice).toMatch(/^Could not read the rule from Rucio \(.*unreachable.*\); retrying$/);
  expect(page).toMatch(/Could not read the rule from Rucio/);
  expect(page).toMatch(/unreachable.*retrying/);
  expect(pollFailures).toBeGreaterThanOrEqual(2);
  // A new request meanwhile is refused with Rucio's unavailability, and nothing is recorded for it.
  expect(refusedPost?.status).toBe(502);
  expect((refusedPost?.json.error as { message: string }).message).toMatch(/unreachable/);
  expect(STACK_TRACE.test(refusedPost!.text)).toBe(false);

  const done = await until(
    "the request to reach OK",
    async () => (await api(client, `${portal!.url}/api/stagings/${id}`)).json as StagingAnswer,
    (answer) => answer.staging.state !== "REPLICATING",
    300_000,
    500,
  );
  const okAfterSeconds = (Date.now() - restartAt) / 1000;
  expect(done.staging).toMatchObject({ state: "OK", ruleId, filesDone: 3, filesTotal: 3 });

  const rows = await modules.db.stagingRequest.findMany({
    where: { scope: { in: [dataset.scope, other.scope] }, name: { in: [dataset.name, other.name] } },
  });
  expect(rows.map((row) => row.id)).toEqual([id]);
  const events = await modules.db.stagingEvent.findMany({ where: { requestId: id } });
  expect(events.filter((event) => event.message?.startsWith("Could not read the rule from Rucio"))).toHaveLength(1);
  expect(events.filter((event) => event.message === "REPLICATING → OK")).toHaveLength(1);
  const rules = [];
  for await (const rule of modules.rucio.listDidRules(modules.rucio.serviceCaller(), dataset.scope, dataset.name)) {
    if (rule.rse_expression === "SWAN-MOUNT") rules.push(rule);
  }
  // (the other rule of the dataset is the upload's own, on REMOTE-SCRATCHDISK)
  expect(rules.map((rule) => [rule.id, rule.account, rule.rse_expression, rule.state])).toEqual([
    [ruleId, "jdoe", "SWAN-MOUNT", "OK"],
  ]);

  const figures =
    `Rucio stopped for ${((restartAt - downAt) / 1000).toFixed(0)} s mid-staging: ${answers.length} × GET /api/stagings/{id} answered 200, ` +
    `its events saying "${notice.replaceAll(ruleId, "{rule}")}"; the tracker failed ${pollFailures} polls (backing off to 4 s); a new request ` +
    `was refused with 502 "${(refusedPost!.json.error as { message: string }).message}". The request was OK ${okAfterSeconds.toFixed(0)} s after ` +
    '`rucio/up.sh` began restarting Rucio (server and daemons); 1 request row, 1 rule, 1 "→ OK" event.';
  mkdirSync(`${REPO_ROOT}.local/bench`, { recursive: true });
  writeFileSync(`${REPO_ROOT}.local/bench/rucio-outage.md`, `${figures}\n`);
  process.stdout.write(`[rucio-outage] ${figures}\n`);
});
