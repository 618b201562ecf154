import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { pendingSchemaChanges } from "./diff";
import { PROVIDERS, schemaPath } from "./lib/schemas";

// Prisma's own schema engine (WebAssembly build) compares a database migrated with the committed SQL
// against the models: a model change without its migration fails here.
describe.each(PROVIDERS)("the committed %s migrations", (provider) => {
  it("build exactly the schema prisma/models.prisma describes", async () => {
    expect(await pendingSchemaChanges(provider)).toBe("");
  });

  it("would need a migration for a model they lack", async () => {
    const schema = `${readFileSync(schemaPath(provider), "utf8")}\nmodel Probe {\n  id Int @id\n}\n`;
    expect(await pendingSchemaChanges(provider, schema)).toMatch(/CREATE TABLE "Probe"/);
  });
});
