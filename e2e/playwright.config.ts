import { defineConfig } from "@playwright/test";

// Debian's Chromium; Playwright's own browser download is not available on these machines.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  // The portal's specs; the JupyterLab ones run with their own config and servers (jupyterlab/, scripts/jupyter-e2e.sh).
  testDir: "./portal",
  timeout: 60_000,
  // Two cores running Rucio, the portal and Chromium at once: give the page time to answer.
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: process.env.PORTAL_URL ?? "http://127.0.0.1:3000",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
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
