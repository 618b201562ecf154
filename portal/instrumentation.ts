/**
 * Next.js calls register() once per server process at start-up. A production portal refuses to start on
 * the demo's defaults (server/production-defaults). Every request then records its socket's peer address
 * (server/client-address). The catalog indexer runs on a schedule when CATALOG_INDEX_INTERVAL_SECONDS > 0
 * (each scope under a database lease, so replicas share the work); the staging tracker resumes every
 * unfinished staging request (per-request leases, likewise); Rucio's event streams, where configured, keep the
 * catalog and the staging requests moving between those polls.
 * The imports sit inside the runtime check so that no other runtime's bundle pulls in Node-only modules.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./server/env");
    const { productionDefaultProblems, productionRefusal } = await import("./server/production-defaults");
    // The parsed env has its defaults filled in: whether a variable was given is only known here.
    const problems = productionDefaultProblems(env, (name) => Boolean(process.env[name]));
    if (problems.length > 0) {
      // Next.js logs an error thrown here and goes on listening, answering 500: exit, so that whatever
      // started the portal sees it stop.
      console.error(productionRefusal(problems));
      process.exit(1);
    }
    (await import("./server/client-address")).recordPeerAddresses();
    (await import("./server/staging")).startStagingTracker();
    (await import("./server/events")).startRucioEventStreams();
    if (env.CATALOG_INDEX_INTERVAL_SECONDS > 0) {
      const { startScheduledIndexing } = await import("./server/catalog/indexer");
      const { afterIndexingRun } = await import("./server/watches");
      startScheduledIndexing(env.CATALOG_INDEX_INTERVAL_SECONDS, () => afterIndexingRun());
    }
  }
}
