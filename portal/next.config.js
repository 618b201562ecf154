// @ts-check
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Headers every response carries; the frame-ancestors CSP is set per route in proxy.ts. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

// The path prefix the portal is served under (lib/base-path.ts checks it); a build-time setting, since
// Next.js compiles basePath into the build. "" serves it at the root.
const basePath = (process.env.PORTAL_BASE_PATH ?? "").trim().replace(/\/+$/, "");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  ...(basePath ? { basePath } : {}),
  poweredByHeader: false,
  outputFileTracingRoot: repoRoot,
  turbopack: { root: repoRoot },
  // Inlined into the build: answers' ETags (server/http/entity-tag.ts) change with the build.
  env: {
    PORTAL_BUILD_ID: `${process.env.npm_package_version ?? "0"}-${Date.now().toString(36)}`,
    NEXT_PUBLIC_PORTAL_BASE_PATH: basePath,
  },
  transpilePackages: ["@rucio-catalog/protocol"],
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
