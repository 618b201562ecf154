// `npm run index -- [--instance X] [--scope S] [--full] [--watch]`: the catalog indexer's command line.
// Runs under tsx with the react-server condition (server modules import "server-only").
import { setTimeout as sleep } from "node:timers/promises";
import { migrate } from "../../prisma/migrate";
import {
  CliUsageError,
  INDEX_CLI_USAGE,
  parseIndexCliArgs,
  type IndexCliArgs,
} from "../server/catalog/indexer/cli-args";
import type { ScopeProgress } from "../server/catalog/indexer/progress";
import { ProgressPrinter } from "../server/catalog/indexer/progress-printer";
import { runIndexer, type IndexRunResult } from "../server/catalog/indexer/run-indexer";
import { connectDatabase } from "../server/db/client";
import { env } from "../server/env";
import { afterIndexingRun } from "../server/watches";

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;

function summarize(result: IndexRunResult, printer: ProgressPrinter): number {
  printer.interrupt();
  for (const error of result.errors) {
    console.error(`error: ${error.instance}${error.scope ? `/${error.scope}` : ""}: ${error.message}`);
  }
  const count = (phase: string) => result.scopes.filter((scope) => scope.phase === phase).length;
  const sum = (value: (scope: ScopeProgress) => number) =>
    result.scopes.reduce((total, scope) => total + value(scope), 0);
  console.log(
    `${result.interrupted ? "interrupted" : "finished"} in ${(result.elapsedMs / 1000).toFixed(1)}s: ` +
      `${count("done")} scope(s) indexed, ${count("skipped")} skipped, ${count("failed")} failed; ` +
      `${sum((scope) => scope.done - scope.resumedAt)} DID(s) read from Rucio, ` +
      `${sum((scope) => scope.written)} written, ${sum((scope) => scope.deleted)} removed`,
  );
  if (result.interrupted) return EXIT_INTERRUPTED;
  return result.errors.length || count("failed") ? EXIT_FAILED : EXIT_OK;
}

async function main(args: IndexCliArgs): Promise<number> {
  const migrated = await migrate({ databaseUrl: env.DATABASE_URL });
  if (migrated.applied.length) console.log(`applied ${migrated.applied.length} migration(s) to ${migrated.database}`);
  const database = connectDatabase(env.DATABASE_URL);
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    console.error(`\n${signal}: stopping; committed batches stay and the next run resumes (again to quit at once)`);
    controller.abort(new Error(signal));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  const printer = new ProgressPrinter(process.stdout);
  console.log(`indexing into ${migrated.database}`);
  try {
    for (;;) {
      const result = await runIndexer(database, {
        instances: args.instances,
        scopes: args.scopes,
        full: args.full,
        settings: { bulkFirstIndex: args.bulk },
        signal: controller.signal,
        onProgress: (progress) => printer.update(progress),
      });
      const code = summarize(result, printer);
      if (!result.interrupted) await afterIndexingRun();
      if (!args.watch || controller.signal.aborted) return code;
      console.log(`next run in ${args.intervalSeconds}s`);
      await sleep(args.intervalSeconds * 1000, undefined, { signal: controller.signal }).catch(() => undefined);
      if (controller.signal.aborted) return EXIT_INTERRUPTED;
    }
  } finally {
    await database.client.$disconnect();
  }
}

let args: IndexCliArgs;
try {
  args = parseIndexCliArgs(process.argv.slice(2), env.CATALOG_INDEX_INTERVAL_SECONDS);
} catch (error) {
  if (!(error instanceof CliUsageError)) throw error;
  console.error(`${error.message}\n\n${INDEX_CLI_USAGE}`);
  process.exit(EXIT_USAGE);
}
if (args.help) {
  console.log(INDEX_CLI_USAGE);
  process.exit(EXIT_OK);
}
main(args).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("indexing failed:", error);
    process.exit(EXIT_FAILED);
  },
);
