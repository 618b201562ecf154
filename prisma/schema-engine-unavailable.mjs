#!/usr/bin/env node
// Stands in for Prisma's native schema engine where it is absent and cannot be downloaded (no route to
// binaries.prisma.sh). prisma/generate.ts points PRISMA_SCHEMA_ENGINE_BINARY here only in that case:
// `prisma generate` then runs without touching the network and without ever calling this file. Any
// command that does need the engine ends here with an explanation instead of a download error.
// Plain JavaScript, unlike the rest of prisma/: Prisma's CLI executes this file as a binary, with no
// TypeScript loader in between.
if (process.argv.includes("--version")) {
  process.stdout.write("schema-engine-cli unavailable (offline stand-in: prisma/schema-engine-unavailable.mjs)\n");
  process.exit(0);
}

const explanation = [
  "Prisma's native schema engine is not installed on this machine (it could not be downloaded).",
  "Apply migrations with `npm run db:migrate` (prisma/migrate.ts); `prisma migrate dev`, `prisma db push`",
  "and `prisma migrate diff` need the native engine (see prisma/README.md).",
].join(" ");
// The CLI parses the engine's stderr as JSON log lines, skipping the first line.
process.stderr.write(
  `\n${JSON.stringify({ level: "ERROR", target: "schema_engine::logger", fields: { message: explanation } })}`,
);
process.exit(1);
