import "server-only";
import { pruneReceipts } from "@/server/catalog/freshness";
import { databaseProvider, db } from "@/server/db/client";
import { env } from "@/server/env";
import { trackRulesByMessages } from "@/server/staging";
import { followRucioEvents } from "./rucio-event-stream";
import type { StompQueue } from "./stomp-queue";

export { applyMessageBatch, followRucioEvents, queueName, type BatchOutcome } from "./rucio-event-stream";

const PRUNE_EVERY_MS = 3_600_000;

// Started once per process (instrumentation.ts); kept on globalThis because Next.js may evaluate modules twice.
const holder = globalThis as typeof globalThis & { rucioCatalogEventStreams?: StompQueue[] };

/**
 * Follows the event stream of every instance that configures one (RUCIO_INSTANCES[].events, or
 * RUCIO_EVENTS_URL for the default instance): new, closed and erased collections reach the catalog within
 * seconds, and staging requests move when Rucio says their rule did. RUCIO_EVENTS_ENABLED=false leaves it
 * to another process of the deployment.
 */
export function startRucioEventStreams(): StompQueue[] {
  if (env.RUCIO_EVENTS_ENABLED !== "true") return [];
  if (holder.rucioCatalogEventStreams) return holder.rucioCatalogEventStreams;
  const database = { client: db, provider: databaseProvider };
  holder.rucioCatalogEventStreams = env.instances.flatMap((instance) =>
    instance.events
      ? [
          followRucioEvents({
            instance: instance.name,
            events: instance.events,
            database,
            catalogId: env.DATABASE_URL,
            onConnectionChange: (connected) => trackRulesByMessages(instance.name, connected),
          }),
        ]
      : [],
  );
  if (holder.rucioCatalogEventStreams.length > 0) {
    setInterval(() => void pruneReceipts(db).catch(() => undefined), PRUNE_EVERY_MS).unref();
  }
  return holder.rucioCatalogEventStreams;
}
