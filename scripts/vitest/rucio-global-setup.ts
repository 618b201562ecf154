import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../testing/repo-root";

/**
 * Integration tests talk to a real Rucio. Unless RUCIO_URL points at a server someone else runs,
 * bring up the project's local one (idempotent: a running server is reused).
 */
export default function setup(): void {
  if (process.env.RUCIO_EXTERNAL === "1") return;
  execFileSync("bash", [join(REPO_ROOT, "rucio/up.sh")], { stdio: "inherit" });
}
