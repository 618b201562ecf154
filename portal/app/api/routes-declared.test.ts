import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS } from "@/server/http";
import { routeFilesOnDisk } from "./_testing/route-harness";

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const API_FOLDER = fileURLToPath(new URL(".", import.meta.url));
// Route segment settings Next.js reads from a route module; everything else it exports must be a wrapped handler.
const SEGMENT_CONFIG = new Set([
  "dynamic",
  "revalidate",
  "runtime",
  "fetchCache",
  "dynamicParams",
  "preferredRegion",
  "maxDuration",
]);

describe("every API route goes through the request boundary", () => {
  const routes = routeFilesOnDisk();

  it("finds the routes on disk", () => {
    expect(routes.length).toBeGreaterThanOrEqual(14);
  });

  it.each(routes)("%s declares each method with route({ access, … })", async (path) => {
    const module = (await import(join(API_FOLDER, path.replace(/^\/api\/?/, ""), "route.ts"))) as Record<
      string,
      unknown
    >;
    const exported = Object.keys(module).filter((name) => !SEGMENT_CONFIG.has(name));
    expect(exported.length, `${path} exports no handler`).toBeGreaterThan(0);
    for (const name of exported) {
      expect(HTTP_METHODS, `${path} exports ${name}, which is not an HTTP method`).toContain(name);
      const spec = (module[name] as { routeSpec?: { access?: string } }).routeSpec;
      expect(spec, `${path} ${name} is not declared through route()`).toBeDefined();
      expect(ACCESS_LEVELS).toContain(spec!.access);
    }
  });
});
