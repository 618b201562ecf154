import "server-only";
import { setTimeout as yieldToEventLoop } from "node:timers/promises";
import type { Database } from "@/server/db/client";
import type { LoadChunk, LoadTable } from "./bulk-load";
import { recordPublished } from "./checkpoints";
import type { ScopeKey } from "./did-store";

/**
 * Moves what a bulk run loaded into the catalog, chunk by chunk, while the run goes on loading: on
 * PostgreSQL the server builds one chunk's index entries while this process reads and maps the next
 * batches. Each chunk is one transaction (its rows upserted, its batches deleted from the load table, the
 * checkpoint's written count raised), so a kill leaves every DID either loaded or published, never both
 * or neither. Between chunks the event loop gets a turn: on SQLite a statement runs on it, and a chunk is
 * sized to hold it for a fraction of a second.
 */
export interface BulkPublisher {
  /** Counts a loaded batch; once a chunk's worth waits, publishing runs in the background. */
  loaded(dids: number): void;
  /** Publishes everything loaded (after the background publishing has caught up); returns the rows written. */
  publishAll(): Promise<number>;
  /** Resolves once no background publish runs (a stopped run waits for it before it records its end). */
  settled(): Promise<void>;
}

export interface PublisherContext {
  db: Database;
  loads: LoadTable;
  key: ScopeKey;
  owner: string;
  seenAt: Date;
  /** DIDs per publish transaction. */
  chunkDids: number;
  signal: AbortSignal;
  /** After each published chunk: the rows it wrote. */
  onChunk: (written: number) => void;
  /** A background publish failed: the run must stop. */
  onFailure: (error: unknown) => void;
}

const TRANSACTION = { maxWait: 60_000, timeout: 300_000 };

export function bulkPublisher(context: PublisherContext): BulkPublisher {
  const { db, loads, key } = context;
  let waiting = 0;
  let background: Promise<void> | null = null;

  async function publishChunk(chunk: LoadChunk): Promise<number> {
    const written = await db.$transaction(async (tx) => {
      await loads.tuneTransaction(tx);
      const rows = await loads.publish(tx, key, chunk, context.seenAt);
      await recordPublished(tx, key, context.owner, rows);
      return rows;
    }, TRANSACTION);
    context.onChunk(written);
    await yieldToEventLoop(0);
    return written;
  }

  /** Publishes full chunks while at least one waits (only whole chunks: the last, partial one waits for publishAll). */
  async function publishFullChunks(): Promise<void> {
    while (waiting >= context.chunkDids && !context.signal.aborted) {
      const chunk = await loads.nextChunk(db, key, context.chunkDids);
      if (!chunk) return;
      waiting -= chunk.dids;
      await publishChunk(chunk);
    }
  }

  return {
    loaded(dids) {
      waiting += dids;
      if (background || waiting < context.chunkDids) return;
      background = publishFullChunks()
        .catch(context.onFailure)
        .finally(() => (background = null));
    },
    async settled() {
      while (background) await background;
    },
    async publishAll() {
      while (background) await background;
      let written = 0;
      for (;;) {
        context.signal.throwIfAborted();
        const chunk = await loads.nextChunk(db, key, context.chunkDids);
        if (!chunk) return written;
        written += await publishChunk(chunk);
      }
    },
  };
}
