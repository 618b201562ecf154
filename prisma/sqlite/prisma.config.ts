// Configuration for the Prisma CLI on the sqlite schema; with the native engine (online) e.g.
//   npx prisma migrate status --config prisma/sqlite/prisma.config.ts
// DATABASE_URL is read as the app and prisma/migrate.ts read it (SQLite paths relative to the repo root).
import type { PrismaConfig } from "prisma";
import { resolveDatabaseUrl } from "../lib/database-url";

const target = resolveDatabaseUrl(process.env.DATABASE_URL);

export default {
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  // A URL for the other provider is left out, so that commands needing one fail rather than misfire.
  ...(target.provider === "sqlite" ? { datasource: { url: target.url } } : {}),
} satisfies PrismaConfig;
