import { describe, expect, it } from "vitest";
import type { IServerConfig } from "./server-api";
import { resolveSettings, sessionSettings } from "./settings";

const defaults = {
  portalUrl: "http://127.0.0.1:3000",
  allowedOrigin: "",
  instance: "",
  mode: "",
  destinationRse: "",
  rseMountPath: "",
  rsePathBeginsAt: -1,
  downloadFolder: "",
  autoStage: false,
  panelArea: "main",
};

const swan: IServerConfig = {
  portalUrl: "https://swan.example.org/catalog",
  allowedOrigin: null,
  rucioInstance: "atlas",
  destinationRse: "CERN-PROD_SWAN",
  rseMountPath: "/eos/atlas/rucio",
  rsePathBeginsAt: 4,
  mode: "rule",
  downloadFolder: "/home/u/rucio-data",
  autoStage: true,
  credentialsConfigured: true,
  embedSignIn: true,
};

describe("resolveSettings", () => {
  it("takes the schema defaults when neither the user nor the server set anything", () => {
    expect(resolveSettings({ user: {}, defaults }, null)).toEqual({
      portalUrl: "http://127.0.0.1:3000",
      portalOrigin: "http://127.0.0.1:3000",
      instance: null,
      mode: "rule",
      destinationRse: null,
      rseMountPath: null,
      rsePathBeginsAt: null,
      downloadFolder: null,
      autoStage: false,
      panelArea: "main",
      embedSignIn: false,
    });
  });

  it("takes the server presets (SWAN) over the defaults", () => {
    expect(resolveSettings({ user: {}, defaults }, swan)).toMatchObject({
      portalUrl: "https://swan.example.org/catalog",
      portalOrigin: "https://swan.example.org",
      instance: "atlas",
      mode: "rule",
      destinationRse: "CERN-PROD_SWAN",
      rseMountPath: "/eos/atlas/rucio",
      rsePathBeginsAt: 4,
      autoStage: true,
      embedSignIn: true,
    });
  });

  it("takes what the user set over the server", () => {
    const user = {
      portalUrl: "https://mine.example.org",
      mode: "download",
      rsePathBeginsAt: 0,
      autoStage: false,
      panelArea: "right",
    };
    expect(resolveSettings({ user, defaults }, swan)).toMatchObject({
      portalUrl: "https://mine.example.org",
      portalOrigin: "https://mine.example.org",
      mode: "download",
      rsePathBeginsAt: 0,
      autoStage: false,
      panelArea: "right",
    });
  });

  it("uses the allowed origin, when given, as the only accepted origin", () => {
    const user = { allowedOrigin: "https://catalog.example.org/" };
    expect(resolveSettings({ user, defaults }, swan).portalOrigin).toBe("https://catalog.example.org");
  });

  it.each(["javascript:alert(1)", "file:///etc/passwd", "catalog.example.org", 42, ""])(
    "skips the portal URL %j",
    (bad) => {
      expect(resolveSettings({ user: { portalUrl: bad }, defaults }, null).portalUrl).toBe("http://127.0.0.1:3000");
    },
  );

  it("has no portal (and accepts no origin) when no candidate is an http(s) URL", () => {
    const settings = resolveSettings(
      { user: { portalUrl: "ftp://x" }, defaults: { ...defaults, portalUrl: "data:text/html,hi" } },
      null,
    );
    expect(settings.portalUrl).toBeNull();
    expect(settings.portalOrigin).toBeNull();
  });

  it.each([
    ["mode", "teleport"],
    ["rsePathBeginsAt", -1],
    ["rsePathBeginsAt", 2.5],
    ["panelArea", "left"],
  ])("ignores an invalid %s (%j)", (key, value) => {
    const settings = resolveSettings({ user: { [key]: value }, defaults }, swan);
    expect(settings).toEqual(resolveSettings({ user: {}, defaults }, swan));
  });
});

describe("sessionSettings", () => {
  it("sends the server only what is set", () => {
    expect(sessionSettings(resolveSettings({ user: { downloadFolder: "data" }, defaults }, null))).toEqual({
      mode: "rule",
      downloadFolder: "data",
    });
  });
});
