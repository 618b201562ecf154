import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Client } from "@stomp/stompjs";
import { TCPWrapper } from "@stomp/tcp-wrapper";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/server/db/client";
import { runIndexer } from "@/server/catalog/indexer/run-indexer";
import { migratedDatabase, runUndertaker } from "@/server/catalog/indexer/int-test-support";
import { defaultInstanceName } from "@/server/rucio";
import { LOCAL_RUCIO_EVENTS, rucioCli, uniqueSuffix } from "../../../testing/local-rucio";
import { REPO_ROOT } from "../../../testing/repo-root";
import { createScratchDatabase, testDatabaseProvider, type ScratchDatabase } from "../../../testing/scratch-database";
import { until } from "../../../testing/until";
import { followRucioEvents, type BatchOutcome } from "./rucio-event-stream";
import type { StompQueue } from "./stomp-queue";

// The real path: the local Rucio writes its messages, its hermes daemon publishes them to the project's
// RabbitMQ (scripts/broker.sh), and the catalog follows them, with no indexing run in between.
const instance = defaultInstanceName();
const SCOPE = "events_test";
const SECONDS = 1000;

const broker = (action: "--stop" | "") =>
  promisify(execFile)("bash", ["scripts/broker.sh", ...(action ? [action] : [])], { cwd: REPO_ROOT, timeout: 120_000 });

/** Publishes raw bodies to the instance's destination, as hermes would. */
async function publish(bodies: string[]): Promise<void> {
  const url = new URL(LOCAL_RUCIO_EVENTS.url);
  const client = new Client({
    webSocketFactory: () => new TCPWrapper(url.hostname, Number(url.port)),
    connectHeaders: { login: "guest", passcode: "guest", host: "/" },
    reconnectDelay: 0,
  });
  await new Promise<void>((resolve, reject) => {
    client.onConnect = () => resolve();
    client.onStompError = (frame) => reject(new Error(frame.headers.message));
    client.activate();
  });
  for (const body of bodies)
    client.publish({ destination: LOCAL_RUCIO_EVENTS.destination, body, headers: { persistent: "true" } });
  await client.deactivate();
}

describe("the catalog follows Rucio's event stream (hermes → RabbitMQ STOMP)", () => {
  let scratch: ScratchDatabase;
  let database: DatabaseConnection;
  let stream: StompQueue;
  let connected = false;
  const outcomes: BatchOutcome[] = [];
  const suffix = uniqueSuffix();
  const row = (name: string) =>
    database.client.did.findUnique({ where: { instance_scope_name: { instance, scope: SCOPE, name } } });
  const addDataset = (name: string, lifetime?: number) =>
    rucioCli("root", [
      "did",
      "add",
      "--type",
      "dataset",
      ...(lifetime ? ["--lifetime", String(lifetime)] : []),
      `${SCOPE}:${name}`,
    ]);

  beforeAll(async () => {
    scratch = await createScratchDatabase(testDatabaseProvider(), "rucio_events");
    database = await migratedDatabase(scratch);
    if (!(await rucioCli("root", ["scope", "list"])).includes(SCOPE)) {
      await rucioCli("root", ["scope", "add", SCOPE, "--account", "root"]);
    }
    await runUndertaker(); // what earlier runs left to expire
    // The catalog follows the scopes it indexes: one run makes events_test one of them.
    await runIndexer(database, { scopes: [SCOPE] });
    stream = followRucioEvents({
      instance,
      events: LOCAL_RUCIO_EVENTS,
      database,
      catalogId: scratch.url,
      onConnectionChange: (state) => (connected = state),
      onBatch: (outcome) => outcomes.push(outcome),
      log: () => undefined,
    });
    await until("the stream to connect", async () => connected, Boolean, 30 * SECONDS);
    // hermes sends Rucio's messages oldest first, 800 every 2 s: after a bulk registration (the 50,000
    // scale datasets of other suites) the stream is minutes behind. A first dataset of our own tells when
    // it has caught up; from then on each test waits for its own message alone.
    const probe = `events_test.probe.${suffix}`;
    await addDataset(probe);
    await until("the stream to catch up with Rucio", () => row(probe), Boolean, 240 * SECONDS, 500);
  }, 330 * SECONDS);

  afterAll(async () => {
    await stream?.stop();
    await database?.client.$disconnect();
    await scratch?.drop();
  });

  it("a dataset added in Rucio is searchable within seconds (CREATE_DTS)", async () => {
    const name = `events_test.created.${suffix}`;
    await addDataset(name);
    const indexed = await until("the new dataset in the catalog", () => row(name), Boolean, 20 * SECONDS);
    expect(indexed).toMatchObject({ didType: "DATASET", account: "root" });
  });

  it("closing a dataset reads it again, metadata included (CLOSE)", async () => {
    const name = `events_test.closed.${suffix}`;
    await addDataset(name);
    await until("the dataset", () => row(name), Boolean, 20 * SECONDS);
    // A metadata change is no message of its own: the close that follows carries it in.
    await rucioCli("root", ["did", "metadata", "set", `${SCOPE}:${name}`, "--key", "campaign", "--value", "mc23e"]);
    await rucioCli("root", ["did", "update", "--close", `${SCOPE}:${name}`]);
    const closed = await until(
      "the closed dataset",
      () => row(name),
      (did) => did?.campaign === "mc23e",
      20 * SECONDS,
    );
    expect(closed).toMatchObject({ length: 0, bytes: 0n });
  });

  it("an erased dataset leaves the catalog (ERASE)", async () => {
    const name = `events_test.erased.${suffix}`;
    await addDataset(name, 1);
    await until("the dataset", () => row(name), Boolean, 20 * SECONDS);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await runUndertaker();
    await until(
      "the dataset to be gone",
      () => row(name),
      (did) => did === null,
      20 * SECONDS,
    );
  });

  it("a message delivered twice is applied once", async () => {
    const name = `events_test.twice.${suffix}`;
    await addDataset(name);
    await until("the dataset", () => row(name), Boolean, 20 * SECONDS);
    const body = JSON.stringify({
      event_type: "create_dts",
      payload: { account: "root", scope: SCOPE, name, expired_at: null, note: suffix },
      created_at: "2026-12-05 09:00:00.000001",
    });
    const before = outcomes.reduce((sum, outcome) => sum + outcome.duplicates, 0);
    await publish([body, body]);
    await until(
      "the second delivery to be recognised",
      async () => outcomes.reduce((sum, outcome) => sum + outcome.duplicates, 0) - before,
      (duplicates) => duplicates >= 1,
      20 * SECONDS,
    );
    expect(outcomes.reduce((sum, outcome) => sum + outcome.duplicates, 0) - before).toBe(1);
    expect(await database.client.rucioEventReceipt.count({ where: { instance, key: { not: "" } } })).toBeGreaterThan(0);
  });

  // The broker's outage is the same for either catalog database: once, on SQLite (npm test runs this file on both).
  it.skipIf(testDatabaseProvider() === "postgresql")(
    "with the broker down, what Rucio did meanwhile arrives once it is back",
    async () => {
      await broker("--stop");
      await until(
        "the stream to notice",
        async () => connected,
        (state) => !state,
        30 * SECONDS,
      );
      const name = `events_test.while_down.${suffix}`;
      await addDataset(name); // hermes keeps the message in Rucio's table until the broker takes it
      await new Promise((resolve) => setTimeout(resolve, 2 * SECONDS));
      expect(await row(name)).toBeNull();
      await broker("");
      await until("the stream to reconnect", async () => connected, Boolean, 60 * SECONDS);
      await until("the dataset added while the broker was down", () => row(name), Boolean, 60 * SECONDS);
    },
    180 * SECONDS,
  );
});
