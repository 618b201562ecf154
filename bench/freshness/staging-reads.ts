import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { migrate } from "../../prisma/migrate";
import { REPO_ROOT } from "../../testing/repo-root";
import { freshJdoeDataset, LOCAL_RUCIO_EVENTS } from "../../testing/local-rucio";

/**
 * One half of `npm run bench:freshness`, in its own process because the portal's modules read
 * DATABASE_URL once: `count` rule-mode stagings of fresh 2-file datasets of jdoe's, tracked by the
 * portal's own tracker to OK, `--events` following Rucio's event stream or polling as without one.
 * Prints JSON: the reads of each rule (GET /rules/{id}, /rules/{id}/locks, counted in the local Rucio's
 * access log) and the seconds from Stage to OK.
 */
const [, , database, countText, mode] = process.argv;
const count = Number(countText);
const followEvents = mode === "--events";
const ACCESS_LOG = join(REPO_ROOT, ".local/rucio/logs/access.log");

async function main() {
  await migrate({ databaseUrl: database! });
  // A bench run signs jdoe in on the demo's defaults, as the tests do.
  Object.assign(process.env, { DATABASE_URL: database, PORTAL_DEPLOYMENT: "test" });
  const { createStagingRequest } = await import("../../portal/server/staging/create-staging");
  const { getStagingRequest } = await import("../../portal/server/staging/requests");
  const { stagingConfig } = await import("../../portal/server/staging/config");
  const { startStagingTracker } = await import("../../portal/server/staging/start");
  const { trackRulesByMessages } = await import("../../portal/server/staging/rule-messages");
  const { followRucioEvents } = await import("../../portal/server/events");
  const { db, databaseProvider } = await import("../../portal/server/db/client");
  const { signInAs } = await import("../../testing/recorded-sign-in");
  const { deleteRule, serviceCaller } = await import("../../portal/server/rucio");

  const tracker = startStagingTracker();
  let connected = false;
  const stream = followEvents
    ? followRucioEvents({
        instance: "default",
        events: LOCAL_RUCIO_EVENTS,
        database: { client: db, provider: databaseProvider },
        catalogId: database!,
        onConnectionChange: (state) => {
          connected = state;
          trackRulesByMessages("default", state);
        },
        log: () => undefined,
      })
    : undefined;
  while (followEvents && !connected) await new Promise((resolve) => setTimeout(resolve, 100));

  const jdoe = await signInAs("jdoe");
  const config = { ...stagingConfig(), rseExpression: "SWAN-MOUNT", ruleLifetimeSeconds: 86_400 };
  const datasets = [];
  for (let index = 0; index < count; index += 1) datasets.push(await freshJdoeDataset("freshness-bench", 2));
  const started = performance.now();
  const requests = [];
  for (const dataset of datasets) requests.push((await createStagingRequest(jdoe, dataset, config)).staging);
  const secondsToOk: number[] = [];
  const pending = new Set(requests.map((request) => request.id));
  while (pending.size > 0 && performance.now() - started < 600_000) {
    for (const id of [...pending]) {
      if ((await getStagingRequest(jdoe, id)).staging.state === "OK") {
        pending.delete(id);
        secondsToOk.push((performance.now() - started) / 1000);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const log = await readFile(ACCESS_LOG, "utf8");
  const reads = requests.map(
    ({ ruleId }) => log.split("\n").filter((line) => line.includes(`"GET /rules/${ruleId}`)).length,
  );
  for (const { ruleId } of requests) await deleteRule(serviceCaller(), ruleId!).catch(() => undefined);
  await stream?.stop();
  await tracker?.stop();
  process.stdout.write(`\n${JSON.stringify({ reads, secondsToOk, unfinished: pending.size })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
