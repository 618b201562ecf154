import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./repo-root";

// The local Rucio (rucio/up.sh) as the tests use it: its REST address, tokens of the demo accounts, its
// real client, and fresh datasets uploaded with that client.

const run = promisify(execFile);
export const LOCAL_RUCIO_URL = process.env.RUCIO_URL ?? `http://127.0.0.1:${process.env.RUCIO_PORT ?? "8080"}`;
/** Where the local Rucio's hermes publishes its messages (scripts/broker.sh, rucio/configure.py). */
export const LOCAL_RUCIO_EVENTS = {
  url: `stomp://guest:guest@127.0.0.1:${process.env.BROKER_STOMP_PORT ?? "61613"}`,
  destination: "/topic/rucio.events.default",
};

/** A Rucio token of a demo account (userpass; the demo's passwords are `<account>-secret`). */
export async function rucioToken(account: string, password = `${account}-secret`): Promise<string> {
  const response = await fetch(`${LOCAL_RUCIO_URL}/auth/userpass`, {
    headers: { "X-Rucio-Username": account, "X-Rucio-Password": password, "X-Rucio-Account": account },
  });
  const token = response.headers.get("X-Rucio-Auth-Token");
  if (!token) throw new Error(`Rucio refused ${account}: HTTP ${response.status}`);
  return token;
}

function runRucio(account: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run("bash", [join(REPO_ROOT, "rucio/client.sh"), account, ...args], {
    cwd: REPO_ROOT,
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

const errorLines = (stderr: string) => stderr.split("\n").filter((line) => /\bERROR\b/.test(line));

/** Runs the real rucio CLI as a demo account (rucio/client.sh). */
export async function rucioCli(account: string, args: string[]): Promise<string> {
  const { stdout, stderr } = await runRucio(account, args);
  // `rucio upload` logs a refused replica as ERROR and still exits 0.
  if (errorLines(stderr).length > 0) throw new Error(`rucio ${args.join(" ")} failed:\n${stderr}`);
  return stdout;
}

// What `rucio upload` logs when the files are stored and registered but attaching them failed; a
// second upload would skip them ("already registered") without attaching, so the attach is redone.
const ATTACH_ONLY_FAILURE = [
  /Failed to attach file to the dataset/,
  /None of the given files have been uploaded/,
  /Not all of the given files have been uploaded/,
];

async function attachMissing(account: string, scope: string, dataset: string, names: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const listed = await rucioCli(account, ["did", "content", "list", `${scope}:${dataset}`]).catch(() => "");
    const missing = names.filter((name) => !listed.includes(name));
    if (missing.length === 0) return;
    try {
      await rucioCli(account, [
        "did",
        "content",
        "add",
        "--to-did",
        `${scope}:${dataset}`,
        ...missing.map((name) => `${scope}:${name}`),
      ]);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

export const UPLOAD_RSE = "REMOTE-SCRATCHDISK";

export interface UploadedFile {
  name: string;
  bytes: number;
  md5: string;
  content: Buffer;
}

/**
 * Uploads fresh random files with the real rucio client into a new dataset `scope:dataset` on
 * REMOTE-SCRATCHDISK (Rucio's generic policy lets non-admin accounts add replicas only on *SCRATCHDISK
 * RSEs, and only root may flip a replica's state, hence --register-after-upload). Names are unique per
 * call so reruns never collide.
 */
export async function uploadDataset(
  account: string,
  scope: string,
  dataset: string,
  fileCount: number,
): Promise<UploadedFile[]> {
  const folder = await mkdtemp(join(tmpdir(), "rucio-gateway-"));
  try {
    const files: UploadedFile[] = [];
    for (let index = 0; index < fileCount; index++) {
      const content = randomBytes(1024 + index * 517);
      const name = `${dataset}._${String(index + 1).padStart(6, "0")}.dat`;
      await writeFile(join(folder, name), content);
      files.push({ name, bytes: content.length, md5: createHash("md5").update(content).digest("hex"), content });
    }
    const args = [
      "upload",
      "--register-after-upload",
      "--rse",
      UPLOAD_RSE,
      "--scope",
      scope,
      `${scope}:${dataset}`,
      ...files.map((file) => join(folder, file.name)),
    ];
    const { stderr } = await runRucio(account, args);
    const errors = errorLines(stderr);
    if (errors.some((line) => !ATTACH_ONLY_FAILURE.some((known) => known.test(line)))) {
      throw new Error(`rucio ${args.join(" ")} failed:\n${stderr}`);
    }
    if (errors.length > 0)
      await attachMissing(
        account,
        scope,
        dataset,
        files.map((file) => file.name),
      );
    return files;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export const uniqueSuffix = () => `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

/**
 * A new dataset of jdoe's, uploaded with the real rucio client, that nobody has staged yet. The local
 * Rucio runs on SQLite next to its daemons and now and then fails an upload ("Failed to attach file to
 * the dataset"): such attempts are retried under a new name.
 */
export async function freshJdoeDataset(
  label: string,
  fileCount: number,
): Promise<{ scope: string; name: string; files: UploadedFile[] }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dataset = { scope: "user.jdoe", name: `user.jdoe.${label}.${uniqueSuffix()}` };
    try {
      return { ...dataset, files: await uploadDataset("jdoe", dataset.scope, dataset.name, fileCount) };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
