import { expect } from "@playwright/test";
import { test } from "./portal-test";

// Security headers as browsers receive them from the production build.

test("security headers: frame-ancestors per route, the rest on every response, each once", async ({ request }) => {
  const page = await request.get("/search");
  const api = await request.get("/api/health");
  for (const response of [page, api]) {
    const headers = response.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toMatch(/^accelerometer=\(\), .*camera=\(\), .*microphone=\(\)/);
  }
  expect(page.headers()["content-security-policy"]).toMatch(/; frame-ancestors 'self' http:\/\/127\.0\.0\.1:8888 /);
  expect(page.headers()["x-frame-options"]).toBeUndefined();
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  const embed = await request.get("/embed/start?code=unknown", { maxRedirects: 0 });
  expect(embed.headers()["referrer-policy"]).toBe("no-referrer");
});
