import "server-only";
import { z } from "zod";
import type { StagingMode } from "@/lib/db/values";
import { env } from "@/server/env";
import type { MountMapping } from "./mount-mapping";

export interface TrackerConfig {
  intervalMs: number;
  maxIntervalMs: number;
  leaseMs: number;
  /** While Rucio's event stream is connected: how long a request waits for its rule's message before a poll anyway. */
  eventFallbackMs?: number;
}

export interface StagingConfig {
  defaultMode: StagingMode;
  /** RSE expression of the rules (rule mode). */
  rseExpression: string;
  ruleLifetimeSeconds: number;
  ruleGrouping: "ALL" | "DATASET" | "NONE";
  /** Folder in the user's session that download mode writes to. */
  downloadFolder: string;
  mounts: MountMapping[];
  progressTokenTtlSeconds: number;
  tracker: TrackerConfig;
}

const mountsSchema = z.array(
  z
    .object({
      rse: z.string().min(1),
      path: z.string().min(1).startsWith("/"),
      pathBeginsAt: z.number().int().min(0).optional(),
    })
    .strict(),
);

function parseMounts(text: string): MountMapping[] {
  const parsed = mountsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`STAGING_MOUNTS is invalid: ${parsed.error.message}`);
  return parsed.data;
}

/** Staging settings from the environment (see portal/server/env.ts for each variable). */
export function stagingConfig(): StagingConfig {
  return {
    defaultMode: env.STAGING_DEFAULT_MODE,
    rseExpression: env.STAGING_RSE_EXPRESSION,
    ruleLifetimeSeconds: env.STAGING_RULE_LIFETIME_SECONDS,
    ruleGrouping: env.STAGING_RULE_GROUPING,
    downloadFolder: env.STAGING_DOWNLOAD_FOLDER,
    mounts: parseMounts(env.STAGING_MOUNTS),
    progressTokenTtlSeconds: env.STAGING_PROGRESS_TOKEN_TTL_SECONDS,
    tracker: {
      intervalMs: env.STAGING_TRACKER_INTERVAL_MS,
      maxIntervalMs: Math.max(env.STAGING_TRACKER_MAX_INTERVAL_MS, env.STAGING_TRACKER_INTERVAL_MS),
      leaseMs: env.STAGING_TRACKER_LEASE_MS,
      eventFallbackMs: env.STAGING_TRACKER_EVENT_FALLBACK_MS,
    },
  };
}

export const trackerEnabled = () => env.STAGING_TRACKER_ENABLED === "true";
