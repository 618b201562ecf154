import "server-only";
import type { PortalHealth } from "@/lib/api-responses";
import { db } from "@/server/db/client";
import { listInstanceNames, listScopes, RucioError, serviceCaller } from "@/server/rucio";

/**
 * The portal's health as probes see it. Rucio is asked at most once per PROBE_INTERVAL_MS whatever
 * the traffic (a probe endpoint must not become a way to load Rucio), and the answer names instances
 * only: their addresses and Rucio's errors go to the log, not to anonymous callers.
 */
export const PROBE_INTERVAL_MS = 30_000;
const PROBE_TIMEOUT_MS = 5_000;

interface Probe {
  startedMs: number;
  reachable: Promise<boolean>;
}

const probes = new Map<string, Probe>();

async function probeInstance(name: string): Promise<boolean> {
  try {
    await listScopes(serviceCaller(name, AbortSignal.timeout(PROBE_TIMEOUT_MS)));
    return true;
  } catch (error) {
    if (!(error instanceof RucioError)) throw error;
    console.warn(`[health] Rucio instance "${name}": ${error.message}`);
    return false;
  }
}

function instanceReachable(name: string, nowMs: number): Promise<boolean> {
  const last = probes.get(name);
  if (last && nowMs - last.startedMs < PROBE_INTERVAL_MS) return last.reachable;
  const probe = { startedMs: nowMs, reachable: probeInstance(name) };
  probes.set(name, probe);
  return probe.reachable;
}

async function databaseReachable(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch (error) {
    console.warn("[health] catalog database:", error);
    return false;
  }
}

export async function portalHealth(nowMs = Date.now()): Promise<PortalHealth> {
  const names = listInstanceNames();
  const [database, ...reachable] = await Promise.all([
    databaseReachable(),
    ...names.map((name) => instanceReachable(name, nowMs)),
  ]);
  const instances = names.map((name, i) => (reachable[i] ? { name } : { name, error: "unreachable" as const }));
  return { ok: database && reachable.every(Boolean), database: database ? "ok" : "unreachable", instances };
}
