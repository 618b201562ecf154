import "server-only";
import { stagingConfig, trackerEnabled } from "./config";
import { StagingTracker } from "./tracker";

// One tracker per process, kept on globalThis because Next.js may evaluate modules more than once.
const holder = globalThis as typeof globalThis & { rucioCatalogStagingTracker?: StagingTracker };

/**
 * Starts tracking staging requests in this process (called once from instrumentation.ts). Resumes
 * every unfinished request found in the database. STAGING_TRACKER_ENABLED=false leaves it to another
 * process (another replica, or `tracker-cli.ts`).
 */
export function startStagingTracker(): StagingTracker | undefined {
  if (!trackerEnabled()) return undefined;
  holder.rucioCatalogStagingTracker ??= new StagingTracker(stagingConfig().tracker);
  holder.rucioCatalogStagingTracker.start();
  return holder.rucioCatalogStagingTracker;
}

/** This process's tracker, when it runs one. */
export const runningTracker = (): StagingTracker | undefined => holder.rucioCatalogStagingTracker;
