import { chromiumConfig } from "../chromium-config";
import { JUPYTER_URL } from "./env";

// JupyterLab with the extension installed from the built wheel.
// Run: bash scripts/jupyter-e2e.sh (or cd e2e && npx playwright test -c jupyterlab/playwright.config.ts).

export default chromiumConfig(JUPYTER_URL, {
  testDir: ".",
  // Not e2e/test-results: a portal e2e run clears that folder when it starts (.local is git-ignored).
  outputDir: "../../.local/e2e-jupyterlab-results",
  globalSetup: "./global-setup.ts",
  timeout: 180_000,
  expect: { timeout: 30_000 },
});
