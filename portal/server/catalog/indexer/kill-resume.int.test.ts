import { execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/server/db/client";
import { eachProvider } from "@/server/db/int-test-support";
import { cliCommand, instance, listNames } from "./int-test-support";
import { REPO_ROOT } from "../../../../testing/repo-root";
import type { ScratchDatabase } from "../../../../testing/scratch-database";

// The CLI on the 50,000 datasets of scale_13TeV, killed with SIGKILL mid-run and started again: batch by
// batch (--no-bulk), and on the bulk path a first index takes by default (loaded, then published in chunks).
const SCOPE = "scale_13TeV";
const SCALE = 50_000;
const KILL_AFTER_ROWS = 10_000;

function startCli(databaseUrl: string, extra: string[] = []) {
  // Open-collection counting off: it only makes each batch slower, and kill-and-resume does not depend on it.
  const cli = cliCommand(["--scope", SCOPE, ...extra]);
  const env = { ...process.env, ...cli.env, DATABASE_URL: databaseUrl, CATALOG_INDEX_COUNT_OPEN: "false" };
  const child = spawn(cli.command, cli.args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

const scaleRows = (database: DatabaseConnection) => database.client.did.count({ where: { instance, scope: SCOPE } });
const scaleCheckpoint = (database: DatabaseConnection) =>
  database.client.indexCheckpoint.findUniqueOrThrow({ where: { instance_scope: { instance, scope: SCOPE } } });
const loadedRows = async (database: DatabaseConnection) =>
  (await database.client.didLoad.aggregate({ where: { instance, scope: SCOPE }, _sum: { didCount: true } }))._sum
    .didCount ?? 0;

async function expectCompleteCatalog(database: DatabaseConnection) {
  const rows = await database.client.did.findMany({ where: { instance, scope: SCOPE }, select: { name: true } });
  const names = rows.map((row) => row.name);
  expect(names).toHaveLength(SCALE);
  expect(new Set(names).size).toBe(SCALE);
  expect(new Set(names)).toEqual(new Set(await listNames(SCOPE)));
  expect(await scaleCheckpoint(database)).toMatchObject({
    state: "DONE",
    cursor: null,
    didsSeen: SCALE,
    didsWritten: SCALE,
    leaseOwner: null,
  });
  expect(await loadedRows(database)).toBe(0);
  if (database.provider === "sqlite") {
    // The full-text index (kept by triggers) is consistent with the table after the kill.
    await database.client.$executeRawUnsafe(
      `INSERT INTO "DidSearch" ("DidSearch", "rank") VALUES ('integrity-check', 1)`,
    );
    const [fts] = await database.client.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*) AS n FROM "DidSearch" WHERE "DidSearch" MATCH 'scale'`,
    );
    expect(Number(fts?.n)).toBe(SCALE);
  } else {
    const [fts] = await database.client.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "Did" WHERE to_tsvector('simple', "searchText") @@ to_tsquery('simple', 'scale')`,
    );
    expect(Number(fts?.n)).toBe(SCALE);
  }
}

beforeAll(async () => {
  await promisify(execFile)("bash", [join(REPO_ROOT, "rucio/generate-scale.sh"), String(SCALE)], {
    cwd: REPO_ROOT,
    timeout: 600_000,
  });
}, 600_000);

describe.each(eachProvider("kill-resume"))("the CLI killed with SIGKILL mid-run on a $name catalog", ({ create }) => {
  let scratch: ScratchDatabase;
  let database: DatabaseConnection;

  beforeAll(async () => {
    scratch = await create();
  });
  afterAll(async () => {
    await database?.client.$disconnect();
    await scratch?.drop();
  });

  it(`batch by batch: resumes and ends with exactly the ${SCALE} DIDs Rucio lists, none twice, none missing`, async () => {
    const first = startCli(scratch.url, ["--no-bulk"]);
    database = connectDatabase(scratch.url);
    let rowsAtKill = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      // The CLI migrates the database first; until then there is no table to count.
      rowsAtKill = await scaleRows(database).catch(() => 0);
      if (rowsAtKill >= KILL_AFTER_ROWS || first.child.exitCode !== null) break;
    }
    first.child.kill("SIGKILL");
    const killed = await first.exited;
    expect(killed.signal, killed.output).toBe("SIGKILL");
    const committed = await scaleRows(database);
    expect(committed).toBeGreaterThanOrEqual(KILL_AFTER_ROWS);
    expect(committed).toBeLessThan(SCALE);
    // Nothing recorded the kill: the checkpoint still says RUNNING, under the dead process's lease.
    const interrupted = await database.client.indexCheckpoint.findUniqueOrThrow({
      where: { instance_scope: { instance, scope: SCOPE } },
    });
    expect(interrupted).toMatchObject({ state: "RUNNING", didsSeen: committed });
    expect(interrupted.cursor).not.toBeNull();

    const second = await startCli(scratch.url, ["--no-bulk"]).exited;
    expect(second.code, second.output).toBe(0);
    // The resumed run starts from what the killed one committed and reads only the rest from Rucio.
    expect(second.output).toContain(`(resumed at ${committed.toLocaleString("en-US")}, attempt 2)`);
    expect(second.output).toContain(`${SCALE - committed} DID(s) read from Rucio, ${SCALE} written`);

    await expectCompleteCatalog(database);
  }, 180_000);
});

describe.each(eachProvider("kill-resume-bulk"))(
  "the CLI killed with SIGKILL during a first index on the bulk path, on a $name catalog",
  ({ create }) => {
    let scratch: ScratchDatabase;
    let database: DatabaseConnection;

    beforeAll(async () => {
      scratch = await create();
    });
    afterAll(async () => {
      await database?.client.$disconnect();
      await scratch?.drop();
    });

    it(`resumes from what was loaded or published and ends with exactly the ${SCALE} DIDs Rucio lists`, async () => {
      const first = startCli(scratch.url);
      database = connectDatabase(scratch.url);
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const seen = await scaleCheckpoint(database).then(
          (checkpoint) => checkpoint.didsSeen,
          () => 0,
        );
        if (seen >= KILL_AFTER_ROWS || first.child.exitCode !== null) break;
      }
      first.child.kill("SIGKILL");
      const killed = await first.exited;
      expect(killed.signal, killed.output).toBe("SIGKILL");
      expect(killed.output).toContain(`${SCOPE} full bulk`);
      // Every DID the killed run committed is either in the catalog (published) or in the load table, once.
      const interrupted = await scaleCheckpoint(database);
      const published = await scaleRows(database);
      const loaded = await loadedRows(database);
      expect(interrupted).toMatchObject({ state: "RUNNING", didsWritten: published, didsSeen: published + loaded });
      expect(interrupted.didsSeen).toBeGreaterThanOrEqual(KILL_AFTER_ROWS);
      expect(interrupted.didsSeen).toBeLessThan(SCALE);

      const second = await startCli(scratch.url).exited;
      expect(second.code, second.output).toBe(0);
      // The resumed run publishes what was loaded first, then reads only what nothing committed.
      const seen = interrupted.didsSeen;
      expect(second.output).toContain(`full bulk (resumed at ${seen.toLocaleString("en-US")}, attempt 2)`);
      expect(second.output).toContain(`${SCALE - seen} DID(s) read from Rucio, ${SCALE} written`);

      await expectCompleteCatalog(database);
    }, 180_000);
  },
);
