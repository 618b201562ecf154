import { REPO_ROOT } from "../../testing/repo-root";

/** Where the JupyterLab tests run: their own JupyterLab (not the demo's on 8888) and a fake portal. */
export const JUPYTER_PORT = Number(process.env.E2E_JUPYTER_PORT ?? 8899);
export const JUPYTER_TOKEN = "rucio-e2e";
export const JUPYTER_URL = `http://127.0.0.1:${JUPYTER_PORT}`;
export const INSTANCE_DIR = `${REPO_ROOT}.local/jupyter/e2e-${JUPYTER_PORT}`;
export const NOTEBOOK_DIR = `${INSTANCE_DIR}/notebooks`;
export const DOWNLOAD_DIR = `${INSTANCE_DIR}/downloads`;
export const PORTAL_PORT = Number(process.env.E2E_FAKE_PORTAL_PORT ?? 3990);
export const PORTAL_ORIGIN = `http://127.0.0.1:${PORTAL_PORT}`;
export const OTHER_ORIGIN = `http://127.0.0.1:${PORTAL_PORT + 1}`;
/** The real portal scripts/e2e.sh leaves running (real-portal.spec.ts). */
export const REAL_PORTAL_URL = process.env.PORTAL_URL ?? `http://127.0.0.1:${process.env.PORTAL_PORT ?? "3000"}`;

/** The environment scripts/jupyter-up.sh starts the test JupyterLab with. */
export function jupyterEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_PORT: String(JUPYTER_PORT),
    JUPYTER_TOKEN,
    JUPYTER_INSTANCE_DIR: INSTANCE_DIR,
    RUCIO_CATALOG_PORTAL_URL: PORTAL_ORIGIN,
    RUCIO_CATALOG_MODE: "download",
    RUCIO_CATALOG_DOWNLOAD_FOLDER: DOWNLOAD_DIR,
    // The server signs the panel in to, and reports downloads to, the real portal as well.
    RUCIO_CATALOG_TRUSTED_PORTALS: REAL_PORTAL_URL,
  };
}
