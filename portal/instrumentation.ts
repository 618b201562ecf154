/**
 * Next.js calls register() once per server process at start-up. The catalog indexer runs on a schedule
 * when CATALOG_INDEX_INTERVAL_SECONDS > 0 (each scope under a database lease, so replicas share the work);
 * the staging tracker resumes every unfinished staging request (per-request leases, likewise).
 * The imports sit inside the runtime check so that no other runtime's bundle pulls in Node-only modules.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./server/env");
    (await import("./server/staging/start")).startStagingTracker();
    if (env.CATALOG_INDEX_INTERVAL_SECONDS > 0) {
      const { startScheduledIndexing } = await import("./server/catalog/indexer");
      startScheduledIndexing(env.CATALOG_INDEX_INTERVAL_SECONDS);
    }
  }
}
