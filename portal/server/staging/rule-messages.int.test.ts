import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useStagingDatabase } from "./int-test-support";
import { freshJdoeDataset, LOCAL_RUCIO_EVENTS, uniqueSuffix } from "../../../testing/local-rucio";
import { REPO_ROOT } from "../../../testing/repo-root";
import { until } from "../../../testing/until";

// Rule mode moved by Rucio's own messages: the local Rucio's conveyor takes the rule to OK, Rucio writes
// RULE_OK, hermes publishes it, and the request follows at once, while the tracker's fallback poll is
// ten minutes away. The Rucio REST calls for the rule are counted in the local Rucio's access log.
process.env.STAGING_TRACKER_EVENT_FALLBACK_MS = "600000";

const ACCESS_LOG = join(REPO_ROOT, ".local/rucio/logs/access.log");
const readsOfRule = async (ruleId: string) =>
  (await readFile(ACCESS_LOG, "utf8")).split("\n").filter((line) => line.includes(`"GET /rules/${ruleId}`)).length;

let modules: Awaited<ReturnType<typeof load>>;
const load = async () => ({
  ...(await import("./create-staging")),
  ...(await import("./requests")),
  ...(await import("./start")),
  ...(await import("./rule-messages")),
  ...(await import("./config")),
  ...(await import("../../../testing/recorded-sign-in")),
  events: await import("@/server/events"),
  database: await import("@/server/db/client"),
});
const createdRules = useStagingDatabase("rule_messages", async () => {
  modules = await load();
});

describe("staging follows RULE_OK from Rucio's event stream", () => {
  it("a request reaches OK on its rule's message, with a handful of Rucio reads and no polling in between", async () => {
    const tracker = modules.startStagingTracker();
    let connected = false;
    const stream = modules.events.followRucioEvents({
      instance: "default",
      events: LOCAL_RUCIO_EVENTS,
      database: { client: modules.database.db, provider: modules.database.databaseProvider },
      catalogId: `rule-messages-${uniqueSuffix()}`,
      onConnectionChange: (state) => {
        connected = state;
        modules.trackRulesByMessages("default", state);
      },
      log: () => undefined,
    });
    try {
      await until("the stream to connect", async () => connected, Boolean, 30_000);
      const dataset = await freshJdoeDataset("rule-messages", 2);
      const jdoe = await modules.signInAs("jdoe");
      const { staging } = await modules.createStagingRequest(jdoe, dataset, {
        ...modules.stagingConfig(),
        rseExpression: "SWAN-MOUNT",
        ruleLifetimeSeconds: 86_400,
      });
      createdRules.push(staging.ruleId!);
      expect(staging.state).toBe("REPLICATING");
      const done = await until(
        "the request to reach OK",
        async () => (await modules.getStagingRequest(jdoe, staging.id)).staging,
        (view) => view.state === "OK",
        // Behind whatever backlog of Rucio's messages hermes is still sending (see rucio-events.int.test.ts).
        240_000,
        500,
      );
      expect(done).toMatchObject({ filesDone: 2, filesTotal: 2 });
      // The tracker's first look, then one read per message that woke it (RULE_OK; DATASETLOCK_OK for an open DID).
      const reads = await readsOfRule(staging.ruleId!);
      expect(reads).toBeGreaterThanOrEqual(2);
      expect(reads).toBeLessThanOrEqual(3);
    } finally {
      await stream.stop();
      await tracker?.stop();
    }
  }, 330_000);
});
