import { defineConfig } from "@playwright/test";
import { JUPYTER_URL } from "./env";

// JupyterLab with the extension installed from the built wheel, in Debian's Chromium.
// Run: bash scripts/jupyter-e2e.sh (or cd e2e && npx playwright test -c jupyterlab/playwright.config.ts).

export default defineConfig({
  testDir: ".",
  // Not e2e/test-results: a portal e2e run clears that folder when it starts (.local is git-ignored).
  outputDir: "../../.local/e2e-jupyterlab-results",
  globalSetup: "./global-setup.ts",
  timeout: 180_000,
  expect: { timeout: 30_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: JUPYTER_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
