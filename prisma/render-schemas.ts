// Writes prisma/sqlite/schema.prisma and prisma/postgres/schema.prisma from prisma/models.prisma.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { isMainModule } from "./lib/main-module";
import { PROVIDERS, readModels, renderSchema, schemaPath } from "./lib/schemas";

export function renderSchemas(): void {
  const models = readModels();
  for (const provider of PROVIDERS) {
    const path = schemaPath(provider);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderSchema(provider, models));
  }
}

if (isMainModule(import.meta.url)) renderSchemas();
