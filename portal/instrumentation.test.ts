import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../testing/repo-root";

// The start-up hook in a process of its own, as Next.js runs it: register() with NEXT_RUNTIME=nodejs.
// A refusal has to end the process (Next.js would log a thrown error and go on serving 500s).

const OWN_SETTINGS =
  /^(NEXTAUTH_SECRET|RUCIO_(USERNAME|PASSWORD|ACCOUNT|INSTANCES)|PORTAL_|STAGING_TRACKER_ENABLED|CATALOG_INDEX_INTERVAL_SECONDS|NODE_ENV|VITEST)/;

function startUp(env: Record<string, string>): { status: number | null; stderr: string } {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !OWN_SETTINGS.test(name)));
  const run = spawnSync(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "-e",
      'import("./portal/instrumentation.ts").then((hook) => hook.register())',
    ],
    {
      cwd: REPO_ROOT,
      // The tracker would keep the process alive: what matters is whether register() gets that far.
      // (Next.js's types claim NODE_ENV is always present, hence the cast.)
      env: {
        ...inherited,
        TSX_TSCONFIG_PATH: "portal/tsconfig.json",
        NEXT_RUNTIME: "nodejs",
        STAGING_TRACKER_ENABLED: "false",
        ...env,
      } as unknown as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { status: run.status, stderr: run.stderr };
}

const OWN_CONFIGURATION = {
  NEXTAUTH_SECRET: "x".repeat(44),
  RUCIO_USERNAME: "catalog-service",
  RUCIO_PASSWORD: "service-password",
  RUCIO_ACCOUNT: "catalog",
  PORTAL_FRAME_ANCESTORS: "https://swan.example.org",
};

describe("the portal's start-up hook", () => {
  it("refuses to start in production on the demo's defaults, naming each variable", () => {
    const { status, stderr } = startUp({});
    expect(status).toBe(1);
    expect(stderr).toContain("The portal refuses to start: PORTAL_DEPLOYMENT is production (the default)");
    for (const name of [
      "NEXTAUTH_SECRET",
      "RUCIO_USERNAME",
      "RUCIO_PASSWORD",
      "RUCIO_ACCOUNT",
      "PORTAL_FRAME_ANCESTORS",
    ]) {
      expect(stderr).toContain(`  - ${name} is not set`);
    }
  }, 60_000);

  it("refuses the demo's root password even when set explicitly", () => {
    const { status, stderr } = startUp({ ...OWN_CONFIGURATION, RUCIO_PASSWORD: "root-secret" });
    expect(status).toBe(1);
    expect(stderr).toContain(`  - RUCIO_PASSWORD is the demo's password "root-secret"`);
  }, 60_000);

  it("starts in production on a configuration of its own, and as a demo on the defaults", () => {
    expect(startUp(OWN_CONFIGURATION)).toEqual({ status: 0, stderr: "" });
    expect(startUp({ PORTAL_DEPLOYMENT: "demo" })).toEqual({ status: 0, stderr: "" });
  }, 60_000);
});
