import { createMessage, type DatasetRef } from "@rucio-catalog/protocol";
import { beforeEach, describe, expect, it } from "vitest";
import { PortalBridgeCore, type IPostTarget } from "./bridge";

const PORTAL = "https://catalog.example.org";

class FakeWindow implements IPostTarget {
  readonly posted: { message: unknown; targetOrigin: string }[] = [];
  postMessage(message: unknown, targetOrigin: string): void {
    this.posted.push({ message, targetOrigin });
  }
}

const dataset: DatasetRef = { instance: "default", scope: "data18_13TeV", name: "data18_13TeV.x", type: "DATASET" };
const ready = createMessage("ready", { capabilities: ["insert-datasets", "request-stage"] });
const insert = createMessage("insert-datasets", { datasets: [dataset] });

describe("PortalBridgeCore", () => {
  let frame: FakeWindow | null;
  let origin: string | null;
  let warnings: string[];
  let bridge: PortalBridgeCore;

  beforeEach(() => {
    frame = new FakeWindow();
    origin = PORTAL;
    warnings = [];
    bridge = new PortalBridgeCore({
      frameWindow: () => frame,
      portalOrigin: () => origin,
      warn: (message) => warnings.push(message),
    });
  });

  const fromPortal = (data: unknown) => bridge.accept({ origin: PORTAL, source: frame, data });

  it("accepts ready from the panel frame at the portal origin, then the portal messages", () => {
    expect(fromPortal(ready)).toEqual(ready);
    expect(bridge.connected).toBe(true);
    expect(bridge.portalCapabilities).toEqual(["insert-datasets", "request-stage"]);
    expect(fromPortal(insert)).toEqual(insert);
    expect(warnings).toEqual([]);
  });

  it("drops a valid message from another origin even when it comes from the frame", () => {
    fromPortal(ready);
    expect(bridge.accept({ origin: "https://evil.example.org", source: frame, data: insert })).toBeNull();
    expect(warnings[0]).toMatch(/dropped a message from https:\/\/evil\.example\.org: origin is not/);
  });

  it("drops a valid message from the portal origin that does not come from the panel frame", () => {
    fromPortal(ready);
    const otherWindow = new FakeWindow(); // e.g. a popup or a nested frame of the same site
    expect(bridge.accept({ origin: PORTAL, source: otherWindow, data: insert })).toBeNull();
    expect(warnings[0]).toMatch(/does not come from the Rucio Catalog panel/);
  });

  it.each([
    ["a look-alike origin", "https://catalog.example.org.evil.net"],
    ["another port", "https://catalog.example.org:8443"],
    ["plain http", "http://catalog.example.org"],
    ["the opaque null origin", "null"],
  ])("drops %s", (_label, eventOrigin) => {
    fromPortal(ready);
    expect(bridge.accept({ origin: eventOrigin, source: frame, data: insert })).toBeNull();
  });

  it("drops everything while no portal origin is configured", () => {
    origin = null;
    expect(fromPortal(ready)).toBeNull();
    expect(warnings[0]).toMatch(/none configured/);
  });

  it("drops portal messages sent before the handshake", () => {
    expect(fromPortal(insert)).toBeNull();
    expect(warnings[0]).toMatch(/before the portal answered hello/);
  });

  it.each([
    ["an unknown type", { protocol: "rucio-catalog", version: "1.1", type: "exec", code: "import os" }],
    ["a newer major version", { ...insert, version: "2.0" }],
    ["a malformed dataset", { ...insert, datasets: [{ ...dataset, scope: "../etc" }] }],
    ["a type only JupyterLab sends", createMessage("notebook-context", { notebookPath: null, datasets: [] })],
  ])("drops and logs %s", (_label, data) => {
    fromPortal(ready);
    expect(fromPortal(data)).toBeNull();
    expect(warnings).toHaveLength(1);
  });

  it("ignores unrelated window traffic without logging it", () => {
    expect(
      bridge.accept({ origin: "https://other.example.org", source: new FakeWindow(), data: { webpackOk: true } }),
    ).toBeNull();
    expect(warnings).toEqual([]);
  });

  it("needs a new ready after reset (the frame loaded another document)", () => {
    fromPortal(ready);
    bridge.reset();
    expect(bridge.connected).toBe(false);
    expect(fromPortal(insert)).toBeNull();
  });

  it("is not connected to a frame that replaced the one that said ready", () => {
    fromPortal(ready);
    frame = new FakeWindow();
    expect(bridge.connected).toBe(false);
    expect(fromPortal(insert)).toBeNull();
  });

  it('posts to the frame with the portal origin as target, never "*"', () => {
    expect(bridge.post("theme", { theme: "dark" })).toBe(true);
    expect(frame?.posted).toEqual([{ message: createMessage("theme", { theme: "dark" }), targetOrigin: PORTAL }]);
  });

  describe("sign-in nonce", () => {
    const request = createMessage("sign-in-nonce-request", {});
    const NONCE = "n".repeat(43);
    const answerIfAccepted = (event: { origin: string; source: unknown }) =>
      bridge.accept({ ...event, data: request }) !== null && bridge.sendSignInNonce(NONCE);

    it("goes to the panel frame at the portal origin that asked after its handshake", () => {
      fromPortal(ready);
      expect(answerIfAccepted({ origin: PORTAL, source: frame })).toBe(true);
      expect(frame?.posted).toEqual([
        { message: createMessage("sign-in-nonce", { nonce: NONCE }), targetOrigin: PORTAL },
      ]);
    });

    it.each([
      ["another window at the portal origin", () => ({ origin: PORTAL, source: new FakeWindow() })],
      ["the frame showing another origin", () => ({ origin: "https://evil.example.org", source: frame })],
    ])("never goes to %s", (_label, event) => {
      fromPortal(ready);
      expect(answerIfAccepted(event())).toBe(false);
      expect(frame?.posted).toEqual([]);
    });

    it("is not sent before the handshake, nor when the panel made no sign-in", () => {
      expect(answerIfAccepted({ origin: PORTAL, source: frame })).toBe(false);
      fromPortal(ready);
      expect(bridge.sendSignInNonce(null)).toBe(false);
      expect(frame?.posted).toEqual([]);
    });
  });

  it("does not post when there is no frame or no portal origin", () => {
    const old = frame;
    frame = null;
    expect(bridge.post("theme", { theme: "dark" })).toBe(false);
    frame = old;
    origin = null;
    expect(bridge.post("theme", { theme: "dark" })).toBe(false);
    expect(old?.posted).toEqual([]);
  });
});
