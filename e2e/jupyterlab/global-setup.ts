import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { startFakePortal } from "./fake-portal";
import { INSTANCE_DIR, jupyterEnvironment, OTHER_ORIGIN, PORTAL_PORT } from "./env";
import { REPO_ROOT } from "../../testing/repo-root";

/**
 * Builds the wheel once (skipped when it is newer than its sources), starts the fake portal and a
 * fresh JupyterLab with the wheel installed (scripts/jupyter-up.sh), and the real local Rucio.
 * Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const run = (script: string, ...args: string[]) =>
    execFileSync("bash", [`${REPO_ROOT}${script}`, ...args], { stdio: "inherit", env: jupyterEnvironment() });
  if (process.env.RUCIO_EXTERNAL !== "1") run("rucio/up.sh");
  run("scripts/jupyter-build.sh");
  run("scripts/jupyter-up.sh", "--stop");
  rmSync(INSTANCE_DIR, { recursive: true, force: true });
  const portal = await startFakePortal(PORTAL_PORT, Number(new URL(OTHER_ORIGIN).port));
  run("scripts/jupyter-up.sh");
  return async () => {
    run("scripts/jupyter-up.sh", "--stop");
    await portal.close();
  };
}
