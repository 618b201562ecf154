import { chromiumConfig } from "../chromium-config";
import { HUB_URL } from "./hub-env";

// Through a real JupyterHub (scripts/hub.sh): its users' JupyterLab and the portal as its service.
// Run: bash scripts/hub-e2e.sh.
export default chromiumConfig(HUB_URL, {
  testDir: ".",
  outputDir: "../../.local/e2e-hub-results",
  timeout: 300_000,
  expect: { timeout: 30_000 },
});
