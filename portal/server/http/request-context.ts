import "server-only";
import { db, type Database } from "@/server/db/client";
import { env } from "@/server/env";

/** What a route's work depends on besides its input, passed in so a test can supply its own. */
export interface RequestContext {
  db: Database;
  env: typeof env;
  now: () => Date;
}

export function requestContext(): RequestContext {
  return { db, env, now: () => new Date() };
}
