import { fileURLToPath } from "node:url";

/** The repository's root folder, with a trailing slash: `${REPO_ROOT}rucio/up.sh` and join() both work. */
export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
