import { createMessage, PROTOCOL_NAME } from "@rucio-catalog/protocol";
import {
  SAMPLE_DATASET as dataset,
  SAMPLE_PROGRESS as progress,
} from "@rucio-catalog/protocol/src/sample-messages.fixture";
import { beforeEach, describe, expect, it } from "vitest";
import { PortalBridgeCore, type IPostTarget } from "./bridge";

// Hostile postMessages against JupyterLab's end of the bridge: each one is dropped (accept() returns
// null), logged, and changes nothing: no handshake, no capabilities, nothing posted to the portal.

const PORTAL = "https://catalog.example.org";

class FakeWindow implements IPostTarget {
  readonly posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
}

const ready = createMessage("ready", { capabilities: ["insert-datasets"] });
const insert = createMessage("insert-datasets", { datasets: [dataset] });
const stage = createMessage("stage", {
  requestId: "c1",
  progressUrl: `${PORTAL}/api/stagings/c1/progress`,
  token: "stgp_" + "a".repeat(43),
  dataset,
});

type Source = "frame" | "stranger" | "top" | null;
type Hostile = [label: string, data: unknown, origin?: string, source?: Source];

const HOSTILE_READY: Hostile[] = [
  ["ready from another origin in the panel frame", ready, "https://evil.example.org"],
  ["ready from a look-alike origin", ready, "https://catalog.example.org.evil.net"],
  ["ready over plain http", ready, "http://catalog.example.org"],
  ["ready from the opaque null origin", ready, "null"],
  ["ready from the portal origin in another window", ready, PORTAL, "stranger"],
  ["ready from JupyterLab itself", ready, PORTAL, "top"],
  ["ready without a source window", ready, PORTAL, null],
  ["ready of the next major version", { ...ready, version: "2.0" }],
  ["ready of another protocol", { ...ready, protocol: "rucio-catalog-v2" }],
  ["ready with capabilities that are not a list", { ...ready, capabilities: "insert-datasets" }],
  ["ready as a JSON string", JSON.stringify(ready)],
  ["ready smuggled in __proto__", JSON.parse(`{"__proto__":${JSON.stringify(ready)}}`)],
  ["an unknown type", { protocol: PROTOCOL_NAME, version: "1.1", type: "exec", code: "import os" }],
  ["a message JupyterLab sends, echoed back", createMessage("hello", { capabilities: [], theme: "dark" })],
  ["portal messages before ready", insert],
];

const HOSTILE_AFTER_READY: Hostile[] = [
  ["insert-datasets from another origin", insert, "https://evil.example.org"],
  [
    "insert-datasets with a newline in the name (code in the inserted cell)",
    { ...insert, datasets: [{ ...dataset, name: 'x\nimport os; os.system("id")' }] },
  ],
  ["insert-datasets of a scope climbing out", { ...insert, datasets: [{ ...dataset, scope: "../../etc" }] }],
  ["insert-datasets of 101 datasets", { ...insert, datasets: Array.from({ length: 101 }, () => dataset) }],
  [
    "insert-datasets with 10,001 local paths",
    { ...insert, datasets: [{ ...dataset, localPaths: Array.from({ length: 10_001 }, (_, i) => `/p/${i}`) }] },
  ],
  ["insert-datasets with a 4 MB name", { ...insert, datasets: [{ ...dataset, name: "n".repeat(4 * 1024 * 1024) }] }],
  ["stage reporting to a javascript: URL", { ...stage, progressUrl: "javascript:alert(1)" }],
  ["stage reporting to a file: URL", { ...stage, progressUrl: "file:///etc/passwd" }],
  ["stage with a token too short to be one", { ...stage, token: "short" }],
  ["stage with a request id that climbs", { ...stage, requestId: "../../admin" }],
  ["progress beyond its totals", { ...progress, bytesDone: 3 }],
  ["progress with negative counts", { ...progress, filesDone: -1 }],
  ["progress with a 300-character error", { ...progress, state: "failed", error: "e".repeat(300) }],
  ["request-stage, which only JupyterLab sends", createMessage("request-stage", { datasets: [dataset] })],
  [
    "notebook-context, which only JupyterLab sends",
    createMessage("notebook-context", { notebookPath: null, datasets: [] }),
  ],
  ["a second ready from another origin", ready, "https://evil.example.org"],
];

describe("PortalBridgeCore: hostile messages", () => {
  let frame: FakeWindow;
  let top: FakeWindow;
  let warnings: string[];
  let bridge: PortalBridgeCore;

  beforeEach(() => {
    frame = new FakeWindow();
    top = new FakeWindow();
    warnings = [];
    bridge = new PortalBridgeCore({
      frameWindow: () => frame,
      portalOrigin: () => PORTAL,
      warn: (message) => warnings.push(message),
    });
  });

  const deliver = ([, data, origin = PORTAL, source = "frame"]: Hostile) =>
    bridge.accept({
      origin,
      data,
      source: source === "frame" ? frame : source === "top" ? top : source === "stranger" ? new FakeWindow() : null,
    });

  it.each(HOSTILE_READY)("before ready: drops %s", (...hostile) => {
    expect(deliver(hostile)).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(bridge.connected).toBe(false);
    expect(bridge.portalCapabilities).toEqual([]);
    expect(frame.posted).toEqual([]);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it.each(HOSTILE_AFTER_READY)("after ready: drops %s", (...hostile) => {
    expect(deliver(["ready", ready])).toEqual(ready);
    expect(deliver(hostile)).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(bridge.connected).toBe(true);
    expect(bridge.portalCapabilities).toEqual(["insert-datasets"]);
    expect(frame.posted).toEqual([]);
  });

  it("still accepts the well-formed messages (the drops above are not a dead bridge)", () => {
    expect(deliver(["ready", ready])).toEqual(ready);
    for (const message of [insert, stage, progress]) {
      expect(deliver(["ok", message])).toEqual(message);
    }
    expect(warnings).toEqual([]);
  });

  it(`counts ${HOSTILE_READY.length + HOSTILE_AFTER_READY.length} hostile messages`, () => {
    expect(HOSTILE_READY.length + HOSTILE_AFTER_READY.length).toBeGreaterThanOrEqual(20);
  });
});
