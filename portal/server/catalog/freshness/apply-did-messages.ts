import "server-only";
import type { DatabaseConnection } from "@/server/db/client";
import { serviceCaller, type RucioMessage } from "@/server/rucio";
import { didStoreFor } from "../indexer/did-store";
import { forInstance, settingsFromEnv } from "../indexer/run-indexer";
import { readRows } from "../indexer/scope-indexer";

export type DidMessage = Extract<RucioMessage, { kind: "did-changed" | "contents-changed" | "did-erased" }>;

export interface AppliedDidMessages {
  /** DIDs read again from Rucio and written (inserted, or rewritten where they changed). */
  read: number;
  written: number;
  deleted: number;
  /** Messages about scopes this catalog does not index. */
  outsideCatalog: number;
}

/**
 * Brings the catalog's rows for the DIDs these messages name up to date: each DID is read again from Rucio
 * (one bulk metadata request per scope, the same read and row the indexer makes), so applying a message
 * twice, or out of order, leaves the same row. A DID whose last message is an erase, or that Rucio no
 * longer lists, is deleted. Only scopes the catalog indexes are followed.
 */
export async function applyDidMessages(
  database: DatabaseConnection,
  instance: string,
  messages: DidMessage[],
  signal?: AbortSignal,
): Promise<AppliedDidMessages> {
  const indexed = new Set(
    (await database.client.scope.findMany({ where: { instance }, select: { name: true } })).map((scope) => scope.name),
  );
  const lastWord = new Map<string, Map<string, DidMessage["kind"]>>();
  let outsideCatalog = 0;
  for (const message of messages) {
    if (!indexed.has(message.scope)) {
      outsideCatalog += 1;
      continue;
    }
    const names = lastWord.get(message.scope) ?? new Map<string, DidMessage["kind"]>();
    names.set(message.name, message.kind);
    lastWord.set(message.scope, names);
  }

  const settings = forInstance(settingsFromEnv(), instance);
  const store = didStoreFor(database.provider);
  const caller = serviceCaller(instance, signal);
  const result: AppliedDidMessages = { read: 0, written: 0, deleted: 0, outsideCatalog };
  for (const [scope, names] of lastWord) {
    const toRead = [...names].filter(([, kind]) => kind !== "did-erased").map(([name]) => name);
    const rows = toRead.length ? await readRows(caller, scope, toRead, settings) : [];
    const listed = new Set(rows.map((row) => row.name));
    const gone = [...names.keys()].filter((name) => !listed.has(name));
    const key = { instance, scope };
    await database.client.$transaction(async (tx) => {
      if (rows.length) result.written += await store.writeBatch(tx, key, rows, new Date());
      if (gone.length) result.deleted += await store.deleteNamed(tx, key, gone);
    });
    result.read += rows.length;
  }
  return result;
}
