import "server-only";
import { db } from "@/server/db/client";
import { stagingConfig } from "./config";
import { StagingTracker } from "./tracker";

// The staging tracker as a process of its own, for deployments that run it beside the portal
// (set STAGING_TRACKER_ENABLED=false in the portal then):
//   npx tsx --conditions=react-server --tsconfig portal/tsconfig.json portal/server/staging/tracker-cli.ts
const tracker = new StagingTracker(stagingConfig().tracker);
tracker.start();
console.info(`[staging-tracker] ${tracker.owner} started`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void tracker
      .stop()
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
  });
}
// The tracker's timer does not hold the process open by itself.
setInterval(() => undefined, 1 << 30);
