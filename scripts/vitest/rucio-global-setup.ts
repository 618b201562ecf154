import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Integration tests talk to a real Rucio. Unless RUCIO_URL points at a server someone else runs,
 * bring up the project's local one (idempotent: a running server is reused).
 */
export default function setup(): void {
  if (process.env.RUCIO_EXTERNAL === "1") return;
  const upScript = fileURLToPath(new URL("../../rucio/up.sh", import.meta.url));
  execFileSync("bash", [upScript], { stdio: "inherit" });
}
