import "server-only";
import type { DatabaseConnection } from "@/server/db/client";
import { env } from "@/server/env";
import { listInstanceNames, listScopes, serviceCaller } from "@/server/rucio";
import { PROCESS_OWNER } from "./checkpoints";
import type { ScopeProgress } from "./progress";
import { CREATED_AFTER_OVERLAP_MS } from "./run-plan";
import { indexScope, type IndexerSettings } from "./scope-indexer";

export interface IndexRunOptions {
  /** Instances to index; every configured one when absent. */
  instances?: string[];
  /** Scopes to index; every scope Rucio lists when absent. */
  scopes?: string[];
  /** Full sweep: re-read every DID and remove those gone from Rucio (otherwise decided per scope). */
  full?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ScopeProgress) => void;
  settings?: Partial<IndexerSettings>;
}

export interface IndexRunResult {
  /** The final progress of every scope the run took up (done, failed or skipped). */
  scopes: ScopeProgress[];
  /** Instances or scopes that could not be indexed at all (Rucio unreachable, unknown scope). */
  errors: { instance: string; scope?: string; message: string }[];
  interrupted: boolean;
  elapsedMs: number;
}

export function settingsFromEnv(): IndexerSettings {
  return {
    batchSize: 1000,
    concurrency: env.CATALOG_INDEX_CONCURRENCY,
    readAheadBatches: 100,
    countOpenCollections: env.CATALOG_INDEX_COUNT_OPEN === "true",
    metaPlugin: env.CATALOG_INDEX_META_PLUGIN,
    fullSweepEveryMs: env.CATALOG_FULL_SWEEP_HOURS * 3_600_000,
    createdAfterOverlapMs: CREATED_AFTER_OVERLAP_MS,
    bulkFirstIndex: true,
    publishChunkDids: 5_000,
  };
}

/** An instance's own metadata plugin: a PostgreSQL-backed Rucio keeps free-form JSON only the ALL plugin lists. */
export function forInstance(settings: IndexerSettings, instance: string): IndexerSettings {
  const metaPlugin = env.instances.find((config) => config.name === instance)?.metaPlugin;
  return metaPlugin ? { ...settings, metaPlugin } : settings;
}

/** Keeps the catalog's instance row in step with the configuration (scopes and DIDs hang off it). */
async function saveInstance(database: DatabaseConnection, name: string): Promise<void> {
  const config = env.instances.find((instance) => instance.name === name);
  if (!config) throw new Error(`Unknown Rucio instance "${name}"; configured: ${listInstanceNames().join(", ")}`);
  const data = { url: config.url, vo: config.vo ?? null };
  await database.client.rucioInstance.upsert({ where: { name }, create: { name, ...data }, update: data });
}

async function saveScopes(database: DatabaseConnection, instance: string, scopes: string[]): Promise<void> {
  for (const name of scopes) {
    await database.client.scope.upsert({
      where: { instance_name: { instance, name } },
      create: { instance, name },
      update: {},
    });
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One run per process at a time: the schedule and a manual trigger must not interleave on one connection. */
let running: Promise<IndexRunResult> | null = null;

/**
 * Indexes every configured instance, scope by scope (each under its own lease and checkpoint). Returns
 * what happened; throws only for a programming or database error, never for Rucio being unreachable
 * (recorded on the checkpoints instead, so the next run resumes).
 */
export function runIndexer(database: DatabaseConnection, options: IndexRunOptions = {}): Promise<IndexRunResult> {
  if (running) return Promise.reject(new Error("An indexing run is already in progress in this process"));
  running = indexAll(database, options).finally(() => {
    running = null;
  });
  return running;
}

export const isIndexerRunning = () => running !== null;

async function indexAll(database: DatabaseConnection, options: IndexRunOptions): Promise<IndexRunResult> {
  const started = Date.now();
  const settings = { ...settingsFromEnv(), ...options.settings };
  const result: IndexRunResult = { scopes: [], errors: [], interrupted: false, elapsedMs: 0 };
  const context = { database, owner: PROCESS_OWNER, settings, signal: options.signal, onProgress: options.onProgress };
  for (const instance of options.instances ?? listInstanceNames()) {
    if (options.signal?.aborted) break;
    await saveInstance(database, instance);
    const instanceContext = options.settings?.metaPlugin
      ? context
      : { ...context, settings: forInstance(settings, instance) };
    let scopes: string[];
    try {
      scopes = await listScopes(serviceCaller(instance, options.signal));
    } catch (error) {
      if (options.signal?.aborted) break;
      result.errors.push({ instance, message: `cannot list scopes: ${messageOf(error)}` });
      await database.client.indexCheckpoint.updateMany({
        where: { instance, leaseOwner: null },
        data: { state: "FAILED", error: `Rucio instance unreachable: ${messageOf(error)}`.slice(0, 2000) },
      });
      continue;
    }
    const wanted = options.scopes ? options.scopes.filter((scope) => scopes.includes(scope)) : scopes;
    for (const scope of options.scopes?.filter((scope) => !scopes.includes(scope)) ?? []) {
      result.errors.push({ instance, scope, message: `Rucio instance "${instance}" has no scope "${scope}"` });
    }
    await saveScopes(database, instance, wanted);
    for (const scope of wanted) {
      if (options.signal?.aborted) break;
      result.scopes.push(await indexScope(instanceContext, { instance, scope }, { full: options.full ?? false }));
    }
  }
  result.interrupted = options.signal?.aborted ?? false;
  result.elapsedMs = Date.now() - started;
  return result;
}
