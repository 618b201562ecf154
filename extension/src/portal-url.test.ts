import { describe, expect, it } from "vitest";
import { buildPortalUrl } from "./portal-url";

describe("buildPortalUrl", () => {
  it("adds the theme to the portal URL", () => {
    expect(buildPortalUrl("http://127.0.0.1:3000", "dark")).toBe("http://127.0.0.1:3000/?theme=dark");
  });

  it("keeps the query the portal URL already has", () => {
    expect(buildPortalUrl("https://catalog.example.org/?instance=atlas", "light")).toBe(
      "https://catalog.example.org/?instance=atlas&theme=light",
    );
  });

  it("opens other pages below a portal served under a path prefix", () => {
    expect(buildPortalUrl("https://swan.example.org/services/catalog", "light", "/stagings")).toBe(
      "https://swan.example.org/services/catalog/stagings?theme=light",
    );
    expect(buildPortalUrl("http://127.0.0.1:3000/", "dark", "stagings")).toBe(
      "http://127.0.0.1:3000/stagings?theme=dark",
    );
  });

  it("treats a protocol-relative path as a path of the portal", () => {
    expect(buildPortalUrl("https://catalog.example.org", "light", "//evil.example.org/x")).toBe(
      "https://catalog.example.org/evil.example.org/x?theme=light",
    );
  });

  it("refuses absolute URLs of other origins", () => {
    expect(() => buildPortalUrl("https://catalog.example.org", "light", "https://evil.example.org/")).toThrow(
      /leaves the portal/,
    );
  });
});
