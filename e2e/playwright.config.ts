import { chromiumConfig } from "./chromium-config";

export default chromiumConfig(process.env.PORTAL_URL ?? "http://127.0.0.1:3000", {
  // The portal's specs; the JupyterLab ones run with their own config and servers (jupyterlab/, scripts/jupyter-e2e.sh).
  testDir: "./portal",
  timeout: 60_000,
  // Two cores running Rucio, the portal and Chromium at once: give the page time to answer.
  expect: { timeout: 15_000 },
});
