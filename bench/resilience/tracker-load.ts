import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { migrate } from "../../prisma/migrate";
import { Latencies } from "../search/stats";
import {
  registerStagingDatasets,
  resilienceRucio,
  resilienceRucioUp,
  startRucioAgain,
  stopRucioDaemons,
} from "./resilience-rucio";
import { callsSince, logOffset } from "./rucio-access-log";
import { trackingReport, type TickSample } from "./tracker-load-report";
import { api, CookieJarClient } from "../../testing/cookie-jar-client";
import { buildPortal, startBuiltPortal } from "../../testing/portal-under-test";
import { REPO_ROOT } from "../../testing/repo-root";
import { createScratchDatabase, testDatabaseProvider } from "../../testing/scratch-database";
import { signInWithRucioPassword } from "../../testing/sign-in";

/**
 * npm run test:resilience runs this: TRACKER_LOAD_REQUESTS (1,000) rule-mode staging requests, each for
 * its own dataset of TRACKER_LOAD_FILES (2) files, created through POST /api/stagings of the production
 * portal as root (unlimited quota on SWAN-MOUNT) on the resilience Rucio (./resilience-rucio.ts) while
 * its conveyor daemons are stopped, so that all of them are REPLICATING when one StagingTracker with
 * the portal's default settings starts following them and the daemons start again; until every rule
 * is OK. Measures the tracker's work per poll and the Rucio calls it makes per minute (from Rucio's own
 * access log); checks every request ends OK once, with nothing lost or doubled. The rules are deleted
 * afterwards. SQLite, or PostgreSQL with PORTAL_TEST_DATABASE=postgresql. Report on stdout and in
 * .local/bench/tracker-load-<n>.md.
 */
const REQUESTS = Number(process.env.TRACKER_LOAD_REQUESTS ?? 1000);
const FILES = Number(process.env.TRACKER_LOAD_FILES ?? 2);
const MAX_MINUTES = Number(process.env.TRACKER_LOAD_MAX_MINUTES ?? 20);
const CREATE_CONCURRENCY = Number(process.env.TRACKER_LOAD_CREATE_CONCURRENCY ?? 50);
const log = (line: string) => process.stderr.write(`[tracker-load] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POST /api/stagings for every dataset, CREATE_CONCURRENCY at a time, as the signed-in root. */
async function createRequests(portalUrl: string, datasets: { scope: string; name: string }[]) {
  const client = new CookieJarClient();
  await signInWithRucioPassword(client, portalUrl, "root", "root-secret");
  const latencies = new Latencies();
  const failures: string[] = [];
  const ids: string[] = [];
  /** Recorded, but Rucio's answer to the rule's creation was lost: the tracker looks for the rule later. */
  const unconfirmed: string[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < datasets.length) {
      const dataset = datasets[next++]!;
      const sent = performance.now();
      const response = await api(client, `${portalUrl}/api/stagings`, { method: "POST", body: dataset });
      latencies.add(performance.now() - sent);
      const staging = response.json.staging as { id: string; state: string } | undefined;
      if (response.status === 201 && staging?.state === "REPLICATING") ids.push(staging.id);
      else if (response.status === 502 && staging?.state === "QUEUED") unconfirmed.push(staging.id);
      else failures.push(`${dataset.name}: ${response.status} ${response.text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
  return { ids, unconfirmed, failures, latencies, seconds: (performance.now() - started) / 1000 };
}

async function main() {
  const started = performance.now();
  log("starting the resilience Rucio (port 8480)");
  await resilienceRucioUp();
  const label = `run${Date.now().toString(36)}`;
  log(`registering ${REQUESTS} datasets of ${FILES} files`);
  const datasets = await registerStagingDatasets(REQUESTS, FILES, label);
  const scratch = await createScratchDatabase(testDatabaseProvider(), "tracker_load");
  await migrate({ databaseUrl: scratch.url, log: () => undefined });
  // Read once by the portal's modules when first imported, below.
  Object.assign(process.env, { DATABASE_URL: scratch.url, RUCIO_URL: resilienceRucio.url });

  buildPortal(log);
  const portal = await startBuiltPortal({
    build: "copy",
    label: "tracker-load",
    env: { DATABASE_URL: scratch.url, RUCIO_URL: resilienceRucio.url, STAGING_TRACKER_ENABLED: "false" },
  });
  log("stopping Rucio's conveyor daemons: every rule stays REPLICATING until the tracker runs");
  await stopRucioDaemons();
  let created;
  try {
    log(`creating ${REQUESTS} staging requests through POST /api/stagings, ${CREATE_CONCURRENCY} at a time`);
    created = await createRequests(portal.url, datasets);
  } finally {
    await portal.stop();
  }
  if (created.failures.length) await startRucioAgain();
  if (created.failures.length)
    throw new Error(
      `${created.failures.length} requests were not created:\n${created.failures.slice(0, 5).join("\n")}`,
    );

  const { StagingTracker } = await import("../../portal/server/staging/tracker");
  const { stagingConfig } = await import("../../portal/server/staging/config");
  const { UNFINISHED_STATES } = await import("../../portal/server/staging/states");
  const { db } = await import("../../portal/server/db/client");
  const rucio = await import("../../portal/server/rucio");

  const settings = stagingConfig().tracker;
  const tracker = new StagingTracker({ ...settings, log: () => undefined });
  const ticks: TickSample[] = [];
  const tick = tracker.tick.bind(tracker);
  tracker.tick = async () => {
    const at = performance.now();
    const cpu = process.cpuUsage();
    const polled = await tick();
    const used = process.cpuUsage(cpu);
    ticks.push({ at, wallMs: performance.now() - at, cpuMs: (used.user + used.system) / 1000, polled });
    return polled;
  };
  const offset = logOffset(resilienceRucio.accessLog);
  const trackingStarted = performance.now();
  const unfinishedSeries: { at: number; unfinished: number }[] = [];
  log(`tracking (interval ${settings.intervalMs} ms, max ${settings.maxIntervalMs} ms, lease ${settings.leaseMs} ms)`);
  tracker.start();
  log("starting Rucio's daemons again");
  await startRucioAgain();
  for (;;) {
    const unfinished = await db.stagingRequest.count({ where: { state: { in: [...UNFINISHED_STATES] } } });
    unfinishedSeries.push({ at: performance.now(), unfinished });
    if (unfinished === 0 || performance.now() - trackingStarted > MAX_MINUTES * 60_000) break;
    await sleep(5_000);
  }
  await tracker.stop();
  const trackingSeconds = (performance.now() - trackingStarted) / 1000;
  // The portal is stopped by now: the gateway's calls are the tracker's (rucio/up.sh's own are "rucio-clients").
  const calls = callsSince(resilienceRucio.accessLog, offset).filter((call) => call.agent === "node");

  const rows = await db.stagingRequest.findMany({
    select: {
      id: true,
      scope: true,
      name: true,
      state: true,
      ruleId: true,
      filesDone: true,
      filesTotal: true,
      finishedAt: true,
    },
  });
  const okEvents = await db.stagingEvent.findMany({
    where: { message: { contains: "→ OK" } },
    select: { requestId: true },
  });
  // A request that did not end OK is right only when Rucio has no rule of root's for its dataset.
  const wronglyUnfinished: string[] = [];
  for (const row of rows.filter((candidate) => candidate.state !== "OK")) {
    for await (const rule of rucio.listDidRules(rucio.serviceCaller(), row.scope, row.name)) {
      if (rule.account === "root" && rule.rse_expression === "SWAN-MOUNT")
        wronglyUnfinished.push(`${row.id} is ${row.state}, Rucio has rule ${rule.id} (${rule.state})`);
    }
    if (row.state !== "FAILED") wronglyUnfinished.push(`${row.id} is still ${row.state}`);
  }
  const service = rucio.serviceCaller();
  const lags: number[] = [];
  for (const row of rows.filter((_, index) => index % Math.max(1, Math.floor(rows.length / 100)) === 0)) {
    if (!row.ruleId || !row.finishedAt) continue;
    const rule = await rucio.getRule(service, row.ruleId);
    if (rule.state === "OK") lags.push((row.finishedAt.getTime() - rule.updated_at.getTime()) / 1000);
  }
  log("deleting the rules");
  for (const row of rows)
    if (row.ruleId) await rucio.deleteRule(service, row.ruleId, { purgeReplicas: true }).catch(() => undefined);
  await db.$disconnect();
  await scratch.drop();

  const text = trackingReport({
    requests: REQUESTS,
    files: FILES,
    settings,
    created,
    ticks,
    calls,
    rows,
    okEvents,
    wronglyUnfinished,
    lags,
    unfinishedSeries,
    trackingStarted,
    trackingSeconds,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}`,
    totalSeconds: (performance.now() - started) / 1000,
  });
  mkdirSync(`${REPO_ROOT}.local/bench`, { recursive: true });
  writeFileSync(`${REPO_ROOT}.local/bench/tracker-load-${REQUESTS}.md`, `${text.markdown}\n`);
  process.stdout.write(`${text.markdown}\n`);
  if (text.problems.length) {
    process.stderr.write(`[tracker-load] FAILED:\n  ${text.problems.join("\n  ")}\n`);
    process.exitCode = 1;
  }
}

await main();
