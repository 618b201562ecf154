// `node --import tsx portal/scripts/serve.ts --port P [--host H] [--processes N]`: the built portal in N
// processes sharing one port (Node's cluster: the primary accepts connections and hands them round-robin
// to the workers), so a search's CPU work uses every core. `next start` is one process.
import cluster from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { port: { type: "string" }, host: { type: "string", default: "127.0.0.1" }, processes: { type: "string" } },
});
const port = Number(values.port);
const processes = Number(values.processes ?? availableParallelism());
if (!Number.isInteger(port) || port <= 0 || !Number.isInteger(processes) || processes < 1) {
  console.error("usage: serve.ts --port P [--host H] [--processes N]");
  process.exit(2);
}

/** A worker that died is replaced, unless it died at start-up (a refused configuration would loop). */
const RESTART_AFTER_MS = 10_000;

if (cluster.isPrimary) {
  // What `next start` sets: Next.js and React run their production code paths. Workers inherit it.
  Object.assign(process.env, { NODE_ENV: "production" });
  const fork = (index: number) => {
    // One process runs the scheduled indexer and the staging tracker; their leases would make more safe,
    // but they would only repeat its Rucio reads.
    const background =
      index === 0
        ? {}
        : { CATALOG_INDEX_INTERVAL_SECONDS: "0", STAGING_TRACKER_ENABLED: "false", RUCIO_EVENTS_ENABLED: "false" };
    const worker = cluster.fork({ ...background, PORTAL_WORKER_INDEX: String(index) });
    const startedAt = Date.now();
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      const lived = Date.now() - startedAt;
      console.error(`portal process ${index} exited (${signal ?? code}) after ${lived} ms`);
      if (lived < RESTART_AFTER_MS) shutDown(1);
      else fork(index);
    });
  };
  let stopping = false;
  const shutDown = (code: number) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(code), 5_000).unref();
    cluster.disconnect(() => process.exit(code));
  };
  process.on("SIGTERM", () => shutDown(0));
  process.on("SIGINT", () => shutDown(0));
  for (let index = 0; index < processes; index++) fork(index);
  console.log(`portal: ${processes} processes on http://${values.host}:${port}`);
} else {
  const { default: next } = await import("next");
  const dir = fileURLToPath(new URL("..", import.meta.url));
  const app = next({ dev: false, dir, hostname: values.host, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  createServer((request, response) => void handle(request, response)).listen(port, values.host);
}
