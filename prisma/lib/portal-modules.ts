import { createRequire } from "node:module";
import { repoRoot } from "./database-url";

/**
 * `require` as seen from the portal workspace, which owns the database drivers (better-sqlite3, pg) and
 * the Prisma CLI; the scripts in prisma/ then work whether or not npm hoisted those packages to the root.
 */
export const requireFromPortal = createRequire(`${repoRoot}portal/package.json`);
