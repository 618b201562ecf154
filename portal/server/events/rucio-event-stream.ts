import "server-only";
import { createHash } from "node:crypto";
import { applyDidMessages, recordReceipts, unreceivedKeys, type DidMessage } from "@/server/catalog/freshness";
import type { DatabaseConnection } from "@/server/db/client";
import type { RucioInstanceConfig } from "@/server/env";
import { parseRucioMessage, type ReceivedMessage, type RucioMessage } from "@/server/rucio";
import { wakeRequestsForRules } from "@/server/staging";
import { StompQueue } from "./stomp-queue";

export type EventStreamConfig = NonNullable<RucioInstanceConfig["events"]>;

export interface StreamOptions {
  instance: string;
  events: EventStreamConfig;
  database: DatabaseConnection;
  /** Identifies the catalog (its database URL): each catalog keeps its own durable queue. */
  catalogId: string;
  onConnectionChange?: (connected: boolean) => void;
  /** After each applied batch. */
  onBatch?: (outcome: BatchOutcome) => void;
  log?: (line: string) => void;
}

/** What one batch did, for the log and the tests. */
export interface BatchOutcome {
  messages: number;
  duplicates: number;
  ignored: number;
  written: number;
  deleted: number;
  rulesWoken: number;
  /** From Rucio writing the oldest message of the batch to its being applied. */
  lagMs: number | null;
}

const isDidMessage = (message: RucioMessage): message is DidMessage =>
  message.kind !== "rule-moved" && message.kind !== "ignored";

const BATCH_SIZE = 500;
const BATCH_WAIT_MS = 200;
const RETRY_MS = 5_000;

/** The durable queue's name: the instance and a digest of the catalog, unless configured. */
export function queueName(instance: string, events: EventStreamConfig, catalogId: string): string {
  const catalog = createHash("sha256").update(catalogId).digest("hex").slice(0, 12);
  return events.queue ?? `rucio-catalog.${instance}.${catalog}`;
}

/** Applies one batch of message bodies: each message once (receipts), DIDs to the catalog, rules to staging. */
export async function applyMessageBatch(
  database: DatabaseConnection,
  instance: string,
  bodies: string[],
  now = () => Date.now(),
): Promise<BatchOutcome> {
  const received = bodies.map(parseRucioMessage);
  const unreceived = await unreceivedKeys(
    database.client,
    instance,
    received.map((message) => message.key),
  );
  const fresh: ReceivedMessage[] = [];
  for (const message of received) {
    if (!unreceived.delete(message.key)) continue; // received before, or twice in this batch
    fresh.push(message);
  }
  const dids = fresh.map(({ message }) => message).filter(isDidMessage);
  const rules = fresh.flatMap(({ message }) => (message.kind === "rule-moved" ? [message.ruleId] : []));
  const applied = dids.length
    ? await applyDidMessages(database, instance, dids)
    : { written: 0, deleted: 0, read: 0, outsideCatalog: 0 };
  const rulesWoken = await wakeRequestsForRules(rules);
  await recordReceipts(
    database.client,
    instance,
    fresh.map((message) => message.key),
  );
  const oldest = Math.min(...fresh.map((message) => message.createdAt?.getTime() ?? Infinity));
  return {
    messages: bodies.length,
    duplicates: bodies.length - fresh.length,
    ignored: fresh.filter(({ message }) => message.kind === "ignored").length,
    written: applied.written,
    deleted: applied.deleted,
    rulesWoken,
    lagMs: Number.isFinite(oldest) ? now() - oldest : null,
  };
}

/** Follows one instance's event stream until stop(): see StompQueue for delivery, applyMessageBatch for effect. */
export function followRucioEvents(options: StreamOptions): StompQueue {
  const log = options.log ?? ((line: string) => console.info(`[rucio-events ${options.instance}] ${line}`));
  const queue = new StompQueue({
    url: options.events.url,
    destination: options.events.destination,
    queue: queueName(options.instance, options.events, options.catalogId),
    batchSize: BATCH_SIZE,
    batchWaitMs: BATCH_WAIT_MS,
    retryMs: RETRY_MS,
    onConnectionChange: options.onConnectionChange,
    log,
    handle: async (bodies) => {
      const outcome = await applyMessageBatch(options.database, options.instance, bodies);
      options.onBatch?.(outcome);
      if (outcome.written + outcome.deleted + outcome.rulesWoken + outcome.duplicates > 0) {
        const lag = outcome.lagMs === null ? "" : `, ${outcome.lagMs} ms after Rucio wrote the oldest`;
        log(
          `${outcome.messages} messages: ${outcome.written} DIDs written, ${outcome.deleted} deleted, ` +
            `${outcome.rulesWoken} stagings woken, ${outcome.duplicates} already applied${lag}`,
        );
      }
    },
  });
  queue.start();
  return queue;
}
