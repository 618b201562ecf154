import { createMessage, PROTOCOL_NAME } from "@rucio-catalog/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PORTAL_CAPABILITIES, STAGING_CAPABILITIES, type PortalBridge } from "./portal-bridge";
import { openPortalBridge } from "./portal-bridge-harness";

const JUPYTER = "http://127.0.0.1:8888";

const setup = (allowed = [JUPYTER], capabilities?: string[]) => openPortalBridge(allowed, capabilities);

const hello = createMessage("hello", { capabilities: ["insert-datasets"], theme: "dark" });
let current: PortalBridge | undefined;
afterEach(() => current?.dispose());

describe("portal bridge", () => {
  it("answers an allowed hello with ready, to that origin only, and applies its theme", () => {
    const { parent, bridge, handlers, deliver } = setup();
    current = bridge;
    deliver(hello);
    expect(parent.postMessage).toHaveBeenCalledOnce();
    const [message, target] = parent.postMessage.mock.calls[0]!;
    expect(target).toBe(JUPYTER);
    expect(message).toMatchObject({ protocol: PROTOCOL_NAME, type: "ready" });
    expect(handlers.onTheme).toHaveBeenCalledWith("dark");
    expect(bridge.hostOrigin).toBe(JUPYTER);
  });

  it.each([
    ["a wrong origin", hello, "https://evil.example", undefined],
    ["a look-alike origin", hello, "http://127.0.0.1:8888.evil.example", undefined],
    ["a wrong source window", hello, JUPYTER, { postMessage: vi.fn() }],
    ["a malformed message", { protocol: PROTOCOL_NAME, version: "1.0", type: "hello" }, JUPYTER, undefined],
    ["another major version", { ...hello, version: "2.0" }, JUPYTER, undefined],
    ["an unknown type", { ...hello, type: "run-code" }, JUPYTER, undefined],
  ])("drops %s and acts on nothing", (_label, data, origin, source) => {
    const { parent, bridge, handlers, deliver } = setup();
    current = bridge;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    deliver(data, origin, source ?? parent);
    expect(parent.postMessage).not.toHaveBeenCalled();
    expect(handlers.onTheme).not.toHaveBeenCalled();
    expect(bridge.hostOrigin).toBeNull();
    warn.mockRestore();
  });

  it("sends nothing before the handshake and with an explicit target origin after it", () => {
    const { parent, bridge, deliver } = setup();
    current = bridge;
    const datasets = [{ instance: "default", scope: "data18_13TeV", name: "x", type: "DATASET" as const }];
    expect(bridge.send("insert-datasets", { datasets })).toBe(false);
    deliver(hello);
    expect(bridge.send("insert-datasets", { datasets })).toBe(true);
    expect(parent.postMessage).toHaveBeenLastCalledWith(expect.objectContaining({ type: "insert-datasets" }), JUPYTER);
  });

  it("takes theme and progress only from the host that said hello", () => {
    const { bridge, handlers, deliver } = setup([JUPYTER, "https://swan.cern.ch"]);
    current = bridge;
    deliver(hello);
    deliver(createMessage("theme", { theme: "light" }), "https://swan.cern.ch");
    expect(handlers.onTheme).toHaveBeenLastCalledWith("dark");
    deliver(createMessage("theme", { theme: "light" }));
    expect(handlers.onTheme).toHaveBeenLastCalledWith("light");
  });

  it("hands on the session the host announced", () => {
    const { bridge, handlers, deliver } = setup();
    current = bridge;
    const session = { mode: "download" as const, instance: "default", destinationRse: null };
    deliver(createMessage("hello", { capabilities: ["request-stage"], theme: "light", session }));
    expect(handlers.onConnected).toHaveBeenCalledWith(JUPYTER, ["request-stage"], session);
  });

  const requestStage = createMessage("request-stage", {
    datasets: [{ instance: "default", scope: "data18_13TeV", name: "x", type: "DATASET" }],
  });

  it("acts on request-stage only when it announced the capability (a visitor who may stage)", () => {
    const signedOut = setup(undefined, PORTAL_CAPABILITIES);
    signedOut.deliver(hello);
    signedOut.deliver(requestStage);
    expect(signedOut.parent.postMessage.mock.calls[0]![0].capabilities).not.toContain("request-stage");
    expect(signedOut.handlers.onRequestStage).not.toHaveBeenCalled();
    signedOut.bridge.dispose();

    const signedIn = setup(undefined, STAGING_CAPABILITIES);
    current = signedIn.bridge;
    signedIn.deliver(requestStage);
    expect(signedIn.handlers.onRequestStage).not.toHaveBeenCalled(); // before hello
    signedIn.deliver(hello);
    expect(signedIn.parent.postMessage.mock.calls[0]![0].capabilities).toContain("request-stage");
    signedIn.deliver(requestStage);
    expect(signedIn.handlers.onRequestStage).toHaveBeenCalledWith(requestStage);
  });

  it("takes the sign-in nonce only from the parent that said hello, from its origin", () => {
    const { parent, bridge, handlers, deliver } = setup([JUPYTER, "http://localhost:8888"]);
    current = bridge;
    const nonce = createMessage("sign-in-nonce", { nonce: "N".repeat(43) });
    deliver(nonce);
    expect(handlers.onSignInNonce).not.toHaveBeenCalled(); // before hello
    deliver(hello);
    deliver(nonce, "http://localhost:8888"); // allowed, but not the host that said hello
    deliver(nonce, JUPYTER, { postMessage: vi.fn() }); // another window
    expect(handlers.onSignInNonce).not.toHaveBeenCalled();
    deliver(nonce);
    expect(handlers.onSignInNonce).toHaveBeenCalledExactlyOnceWith("N".repeat(43));
    expect(bridge.send("sign-in-nonce-request", {})).toBe(true);
    expect(parent.postMessage).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: "sign-in-nonce-request" }),
      JUPYTER,
    );
  });
});
