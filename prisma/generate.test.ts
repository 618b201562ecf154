import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findNativeEngine, nativeEngineEnv } from "./generate";
import { prismaDir } from "./lib/schemas";

const standIn = join(prismaDir, "schema-engine-unavailable.mjs");

describe("nativeEngineEnv", () => {
  it("leaves an engine the caller named alone", () => {
    const env = { PRISMA_SCHEMA_ENGINE_BINARY: "/opt/prisma/schema-engine" };
    expect(nativeEngineEnv(env)).toBe(env);
  });

  it("points at the stand-in only when no native engine is installed", () => {
    const env = nativeEngineEnv({});
    expect(env.PRISMA_SCHEMA_ENGINE_BINARY).toBe(findNativeEngine() ? undefined : standIn);
  });
});

describe("the stand-in schema engine", () => {
  it("is executable, answers --version, and fails any other call with a log line the CLI can parse", () => {
    accessSync(standIn, constants.X_OK);
    const version = spawnSync(standIn, ["--version"], { encoding: "utf8" });
    expect(version.status).toBe(0);
    expect(version.stdout).toContain("unavailable");

    const call = spawnSync(standIn, ["--datasource", "{}", "cli", "can-connect-to-database"], { encoding: "utf8" });
    expect(call.status).toBe(1);
    // Prisma's CLI skips the first stderr line and JSON-parses the rest.
    const [, ...logLines] = call.stderr.split(/\r?\n/);
    const logs = logLines.map((line) => JSON.parse(line));
    expect(logs).toEqual([
      expect.objectContaining({
        level: "ERROR",
        target: "schema_engine::logger",
        fields: { message: expect.stringContaining("npm run db:migrate") },
      }),
    ]);
  });
});
