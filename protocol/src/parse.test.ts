import { describe, expect, it } from "vitest";
import { PROTOCOL_NAME, PROTOCOL_VERSION, type DatasetRef } from "./messages";
import { createMessage, parseMessage } from "./parse";

const dataset: DatasetRef = {
  instance: "local",
  scope: "data18_13TeV",
  name: "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910",
  type: "DATASET",
  mode: "rule",
  localPaths: ["/eos/rucio/data18_13TeV/a.root"],
};

const validMessages = {
  hello: createMessage("hello", { capabilities: ["insert-datasets", "progress"], theme: "dark" }),
  ready: createMessage("ready", { capabilities: ["stage-rule"] }),
  theme: createMessage("theme", { theme: "light" }),
  "insert-datasets": createMessage("insert-datasets", { datasets: [dataset] }),
  stage: createMessage("stage", {
    requestId: "clx9abc_12-3",
    progressUrl: "https://catalog.example.org/api/staging/clx9abc/progress",
    token: "a".repeat(40),
    dataset,
  }),
  progress: createMessage("progress", {
    requestId: "clx9abc",
    state: "staging",
    filesDone: 2,
    filesTotal: 5,
    bytesDone: 1024,
    bytesTotal: 4096,
  }),
  "notebook-context": createMessage("notebook-context", { notebookPath: "analysis/higgs.ipynb", datasets: [dataset] }),
  "request-stage": createMessage("request-stage", { datasets: [dataset] }),
  "sign-in-nonce-request": createMessage("sign-in-nonce-request", {}),
  "sign-in-nonce": createMessage("sign-in-nonce", { nonce: "n".repeat(43) }),
  "watch-news": createMessage("watch-news", { newCount: 3 }),
  "local-check": createMessage("local-check", { requestId: "l1", dataset }),
  "local-data": createMessage("local-data", {
    requestId: "l1",
    state: "partial",
    folder: "rucio-data",
    filesTotal: 3,
    filesPresent: 1,
    bytesTotal: 300,
    bytesPresent: 100,
    checked: "checksum",
  }),
  "hello with session": createMessage("hello", {
    capabilities: ["insert-datasets"],
    theme: "light",
    session: { mode: "download", instance: null, destinationRse: "SWAN-MOUNT" },
  }),
};

describe("parseMessage accepts", () => {
  for (const [type, message] of Object.entries(validMessages)) {
    it(`a well-formed ${type} message`, () => {
      expect(parseMessage(structuredClone(message))).toEqual(message);
    });
  }

  it("a 1.0 message (an older minor)", () => {
    const old = { protocol: PROTOCOL_NAME, version: "1.0", type: "hello", capabilities: [], theme: "dark" };
    expect(parseMessage(old)).toEqual(old);
  });

  it("a message from a newer minor version, dropping fields it does not know", () => {
    const parsed = parseMessage({ ...validMessages.theme, version: "1.7", contrast: "high" });
    expect(parsed).toEqual({ ...validMessages.theme, version: "1.7" });
  });

  it("a dataset without the optional mode and local paths, and a null notebook path", () => {
    const minimal = { instance: "local", scope: "user.jdoe", name: "user.jdoe.test", type: "CONTAINER" };
    const message = createMessage("notebook-context", { notebookPath: null, datasets: [minimal as DatasetRef] });
    expect(parseMessage(message)).toEqual(message);
  });
});

describe("parseMessage rejects", () => {
  it.each([null, undefined, 42, "hello", [], {}])("non-message data %j", (data) => {
    expect(parseMessage(data)).toBeNull();
  });

  it("an unknown message type", () => {
    expect(
      parseMessage({ protocol: PROTOCOL_NAME, version: PROTOCOL_VERSION, type: "exec", code: "rm -rf /" }),
    ).toBeNull();
  });

  it("messages of another protocol", () => {
    expect(parseMessage({ ...validMessages.theme, protocol: "webpack-hmr" })).toBeNull();
  });

  it.each(["2.0", "0.9", "1", "1.0.0", "v1.0", ""])("version %j", (version) => {
    expect(parseMessage({ ...validMessages.hello, version })).toBeNull();
  });

  it("an unknown theme", () => {
    expect(parseMessage({ ...validMessages.theme, theme: "solarized" })).toBeNull();
  });

  it("insert-datasets with no datasets", () => {
    expect(parseMessage({ ...validMessages["insert-datasets"], datasets: [] })).toBeNull();
  });

  it.each([
    ["an unknown DID type", { type: "collection" }],
    ["an unknown staging mode", { mode: "copy" }],
    ["a scope with a slash", { scope: "../etc" }],
    ["an empty name", { name: "" }],
    ["an empty local path", { localPaths: [""] }],
  ])("a dataset with %s", (_label, change) => {
    expect(parseMessage({ ...validMessages["insert-datasets"], datasets: [{ ...dataset, ...change }] })).toBeNull();
  });

  it.each([
    ["a javascript: progress URL", { progressUrl: "javascript:alert(1)" }],
    ["a relative progress URL", { progressUrl: "/api/progress" }],
    ["a too short token", { token: "abc" }],
    ["a request id with spaces", { requestId: "a b" }],
    ["a missing dataset", { dataset: undefined }],
  ])("stage with %s", (_label, change) => {
    expect(parseMessage({ ...validMessages.stage, ...change })).toBeNull();
  });

  it.each([
    ["more files done than total", { filesDone: 6 }],
    ["more bytes done than total", { bytesDone: 5000 }],
    ["a negative count", { bytesTotal: -1 }],
    ["a fractional count", { filesDone: 1.5 }],
    ["an unknown state", { state: "exploded" }],
  ])("progress with %s", (_label, change) => {
    expect(parseMessage({ ...validMessages.progress, ...change })).toBeNull();
  });

  it("hello with a session in an unknown mode", () => {
    const hello = validMessages["hello with session"];
    expect(parseMessage({ ...hello, session: { ...hello.session, mode: "copy" } })).toBeNull();
  });

  it("request-stage with no datasets", () => {
    expect(parseMessage({ ...validMessages["request-stage"], datasets: [] })).toBeNull();
  });

  it.each([
    ["a short nonce", "n".repeat(42)],
    ["a nonce with padding", `${"n".repeat(42)}=`],
    ["a missing nonce", undefined],
  ])("sign-in-nonce with %s", (_label, nonce) => {
    expect(parseMessage({ ...validMessages["sign-in-nonce"], nonce })).toBeNull();
  });

  it.each([
    ["a negative count", -1],
    ["a fractional count", 1.5],
    ["a count as text", "3"],
    ["no count", undefined],
  ])("watch-news with %s", (_label, newCount) => {
    expect(parseMessage({ ...validMessages["watch-news"], newCount })).toBeNull();
  });

  it.each([
    ["more files present than the dataset has", { filesPresent: 4 }],
    ["more bytes present than the dataset has", { bytesPresent: 301 }],
    ["an unknown state", { state: "mostly" }],
    ["an unknown way of checking", { checked: "trust" }],
    ["no folder", { folder: "" }],
  ])("local-data with %s", (_label, change) => {
    expect(parseMessage({ ...validMessages["local-data"], ...change })).toBeNull();
  });

  it("local-check without a dataset", () => {
    expect(parseMessage({ ...validMessages["local-check"], dataset: undefined })).toBeNull();
  });

  it("capability names that are not simple identifiers", () => {
    expect(parseMessage({ ...validMessages.ready, capabilities: ["<script>"] })).toBeNull();
  });
});
