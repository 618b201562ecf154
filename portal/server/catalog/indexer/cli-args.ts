import "server-only";
import { parseArgs } from "node:util";

/** Arguments of `npm run index -- …` (portal/scripts/index-catalog.ts). */
export interface IndexCliArgs {
  instances?: string[];
  scopes?: string[];
  full: boolean;
  /** A scope's first index takes the bulk path (off with --no-bulk). */
  bulk: boolean;
  watch: boolean;
  /** Seconds between runs with --watch. */
  intervalSeconds: number;
  help: boolean;
}

export const INDEX_CLI_USAGE = `Usage: npm run index -- [options]

Indexes the DIDs (datasets and containers) of the configured Rucio instances into the catalog database
(DATABASE_URL; pending migrations are applied first). A run resumes an interrupted one, reads only DIDs
created since the last run, and is a full sweep (re-read everything, remove DIDs gone from Rucio) when
none has completed for CATALOG_FULL_SWEEP_HOURS.

Options:
  --instance NAME   index only this Rucio instance (repeatable; default: every configured one)
  --scope NAME      index only this scope (repeatable; default: every scope of the instance)
  --full            full sweep now: re-read every DID and remove those Rucio no longer has
  --no-bulk         index a scope the catalog has no row of like any other (batch by batch, each
                    searchable at once) instead of loading it first and moving it in large chunks
  --watch           keep running: index again every --interval seconds until interrupted
  --interval SECS   pause between runs with --watch (default: CATALOG_INDEX_INTERVAL_SECONDS, else 300)
  -h, --help        show this help

Exit codes: 0 indexed (scopes another process holds are skipped), 1 a scope or instance failed (recorded
on its checkpoint; the next run resumes), 2 bad arguments, 130 interrupted (SIGINT/SIGTERM).`;

export class CliUsageError extends Error {}

export function parseIndexCliArgs(argv: string[], defaultIntervalSeconds: number): IndexCliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        instance: { type: "string", multiple: true },
        scope: { type: "string", multiple: true },
        full: { type: "boolean", default: false },
        "no-bulk": { type: "boolean", default: false },
        watch: { type: "boolean", default: false },
        interval: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const interval = values.interval === undefined ? defaultIntervalSeconds || 300 : Number(values.interval);
  if (!Number.isInteger(interval) || interval <= 0)
    throw new CliUsageError(`--interval must be a positive whole number of seconds, not "${values.interval}"`);
  if (values.interval !== undefined && !values.watch) throw new CliUsageError("--interval only applies with --watch");
  return {
    instances: values.instance,
    scopes: values.scope,
    full: values.full ?? false,
    bulk: !values["no-bulk"],
    watch: values.watch ?? false,
    intervalSeconds: interval,
    help: values.help ?? false,
  };
}
