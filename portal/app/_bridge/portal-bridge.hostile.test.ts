import { createMessage, PROTOCOL_NAME } from "@rucio-catalog/protocol";
import {
  SAMPLE_DATASET as dataset,
  SAMPLE_PROGRESS as progress,
} from "@rucio-catalog/protocol/src/sample-messages.fixture";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { STAGING_CAPABILITIES, type PortalBridge } from "./portal-bridge";
import { openPortalBridge } from "./portal-bridge-harness";

// Hostile postMessages against the portal's end of the bridge, with request-stage enabled (a signed-in
// visitor): every one is dropped, no handler runs, nothing is posted back, the host stays as it was.

const JUPYTER = "http://127.0.0.1:8888";
const OTHER_ALLOWED = "https://swan.cern.ch";
const hello = createMessage("hello", { capabilities: ["insert-datasets"], theme: "dark" });
const requestStage = createMessage("request-stage", { datasets: [dataset] });

const setup = () => openPortalBridge([JUPYTER, OTHER_ALLOWED], STAGING_CAPABILITIES);

let current: PortalBridge | undefined;
beforeEach(() => void vi.spyOn(console, "warn").mockImplementation(() => {}));
afterEach(() => {
  current?.dispose();
  vi.restoreAllMocks();
});

/** `source: "self"` is the portal's own window, `"stranger"` some other window. */
type Hostile = [label: string, data: unknown, origin?: string, source?: "self" | "stranger" | null];

const HOSTILE_HELLOS: Hostile[] = [
  ["hello from a site not on the allowlist", hello, "https://evil.example"],
  ["hello from a look-alike origin", hello, "http://127.0.0.1:8888.evil.example"],
  ["hello from the opaque null origin", hello, "null"],
  ["hello from an allowed origin with a path", hello, `${JUPYTER}/lab`],
  ["hello from another window of the allowed origin", hello, JUPYTER, "stranger"],
  ["hello without a source window", hello, JUPYTER, null],
  ["hello the portal posted to itself", hello, JUPYTER, "self"],
  ["hello of another protocol", { ...hello, protocol: "rucio-catalog-evil" }],
  ["hello of the next major version", { ...hello, version: "2.0" }],
  ["hello with a version number instead of a string", { ...hello, version: 1.1 }],
  ["hello with a padded version", { ...hello, version: "01.1" }],
  ["hello without capabilities", { protocol: PROTOCOL_NAME, version: "1.1", type: "hello", theme: "dark" }],
  ["hello with 65 capabilities", { ...hello, capabilities: Array.from({ length: 65 }, (_, i) => `cap-${i}`) }],
  ["hello with markup as a capability", { ...hello, capabilities: ["<img src=x onerror=alert(1)>"] }],
  ["hello with an unknown theme", { ...hello, theme: "javascript:alert(1)" }],
  ["hello as a JSON string", JSON.stringify(hello)],
  ["null", null],
  ["an array of hellos", [hello]],
  ["a 4 MB string", "x".repeat(4 * 1024 * 1024)],
  ["hello smuggled in __proto__", JSON.parse(`{"__proto__":${JSON.stringify(hello)}}`)],
  [
    "hello with a session that is not one",
    { ...hello, session: { mode: "rule; rm -rf /", instance: null, destinationRse: null } },
  ],
];

const tooMany = Array.from({ length: 101 }, () => dataset);
const HOSTILE_AFTER_HELLO: Hostile[] = [
  ["request-stage from the other allowed origin that never said hello", requestStage, OTHER_ALLOWED],
  ["request-stage from another window of the host origin", requestStage, JUPYTER, "stranger"],
  ["request-stage of a scope climbing out", { ...requestStage, datasets: [{ ...dataset, scope: "../../etc" }] }],
  ["request-stage of an unknown DID type", { ...requestStage, datasets: [{ ...dataset, type: "EXEC" }] }],
  ["request-stage of 101 datasets", { ...requestStage, datasets: tooMany }],
  ["request-stage of nothing", { ...requestStage, datasets: [] }],
  ["request-stage with a wildcard instance", { ...requestStage, datasets: [{ ...dataset, instance: "*" }] }],
  ["request-stage with a 501-character name", { ...requestStage, datasets: [{ ...dataset, name: "n".repeat(501) }] }],
  ["request-stage with a newline in the name", { ...requestStage, datasets: [{ ...dataset, name: "x\nimport os" }] }],
  [
    "request-stage with a polluting dataset",
    {
      ...requestStage,
      datasets: [JSON.parse('{"__proto__":{"type":"DATASET"},"instance":"default","scope":"s","name":"n"}')],
    },
  ],
  ["progress beyond its totals", { ...progress, filesDone: 3 }],
  ["progress with negative bytes", { ...progress, bytesDone: -1 }],
  ["progress with NaN and Infinity", { ...progress, filesDone: Number.NaN, bytesTotal: Number.POSITIVE_INFINITY }],
  ["progress for a request id with a slash", { ...progress, requestId: "../stagings" }],
  ["progress in an unknown state", { ...progress, state: "OK" }],
  ["theme of the next major version", { ...createMessage("theme", { theme: "light" }), version: "2.0" }],
  [
    "notebook-context with a 5000-character path",
    createMessage("notebook-context", { notebookPath: "p".repeat(5000), datasets: [] }),
  ],
];

describe("portal bridge: hostile messages before the handshake", () => {
  it.each(HOSTILE_HELLOS)("drops %s", (_label, data, origin, source) => {
    const { parent, win, bridge, deliver, handlerCalls } = setup();
    current = bridge;
    deliver(
      data,
      origin,
      source === "self" ? win : source === "stranger" ? { postMessage: vi.fn() } : source === null ? null : parent,
    );
    expect(bridge.hostOrigin).toBeNull();
    expect(parent.postMessage).not.toHaveBeenCalled();
    expect(handlerCalls()).toBe(0);
    expect(bridge.send("insert-datasets", { datasets: [dataset] })).toBe(false);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });
});

describe("portal bridge: hostile messages after the handshake", () => {
  it.each(HOSTILE_AFTER_HELLO)("drops %s", (_label, data, origin, source) => {
    const { parent, bridge, deliver, handlerCalls } = setup();
    current = bridge;
    deliver(hello);
    const afterHello = handlerCalls();
    deliver(data, origin, source === "stranger" ? { postMessage: vi.fn() } : parent);
    expect(handlerCalls()).toBe(afterHello);
    expect(parent.postMessage).toHaveBeenCalledTimes(1); // the ready answering hello, nothing since
    expect(bridge.hostOrigin).toBe(JUPYTER);
  });

  it("still acts on a well-formed request-stage from the host (the drops above are not a dead bridge)", () => {
    const { bridge, handlers, deliver } = setup();
    current = bridge;
    deliver(hello);
    deliver(requestStage);
    deliver(progress);
    expect(handlers.onRequestStage).toHaveBeenCalledOnce();
    expect(handlers.onProgress).toHaveBeenCalledOnce();
  });

  it(`counts ${HOSTILE_HELLOS.length + HOSTILE_AFTER_HELLO.length} hostile messages`, () => {
    expect(HOSTILE_HELLOS.length + HOSTILE_AFTER_HELLO.length).toBeGreaterThanOrEqual(20);
  });
});
