import "server-only";
import { evaluateWatches } from "@/server/catalog/watches";
import { databaseProvider, db } from "@/server/db/client";
import { autoStageNewMatches } from "./auto-stage";

/** What follows every indexing run in the portal and the indexer's command line: watches, then auto-stage. */
export async function afterIndexingRun(log: Pick<Console, "info"> = console): Promise<void> {
  const evaluation = await evaluateWatches({ client: db, provider: databaseProvider });
  const found = [...evaluation.newMatches.values()].reduce((sum, n) => sum + n, 0);
  if (evaluation.watches === 0) return;
  const autoStaged = found ? await autoStageNewMatches() : { staged: 0, skipped: 0 };
  log.info(
    `[watches] ${evaluation.watches} watch(es), ${evaluation.changes} change(s) read, ${found} new match(es), ` +
      `${autoStaged.staged} auto-staged, ${autoStaged.skipped} not, in ${evaluation.elapsedMs} ms`,
  );
}
