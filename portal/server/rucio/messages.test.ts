import { describe, expect, it } from "vitest";
import { parseRucioMessage } from "./messages";

// Bodies as Rucio 41's hermes sends them: {event_type (lower case), payload, created_at}.
const body = (eventType: string, payload: Record<string, unknown>, createdAt = "2026-12-05 08:40:22.123456") =>
  JSON.stringify({ event_type: eventType, payload, created_at: createdAt });

describe("parseRucioMessage", () => {
  it.each([
    ["create_dts", { account: "root", scope: "user.jdoe", name: "ds1", expired_at: null }, "did-changed"],
    ["create_cnt", { account: "root", scope: "user.jdoe", name: "c1", expired_at: null }, "did-changed"],
    ["close", { scope: "user.jdoe", name: "ds1", bytes: 10, length: 1, events: null }, "did-changed"],
    ["open", { scope: "user.jdoe", name: "ds1" }, "did-changed"],
    [
      "detach",
      { scope: "user.jdoe", name: "ds1", did_type: "DATASET", child_scope: "s", child_name: "f", child_type: "FILE" },
      "contents-changed",
    ],
    [
      "register_cnt",
      { account: "root", scope: "user.jdoe", name: "c1", childscope: "s", childname: "d", childtype: "DATASET" },
      "contents-changed",
    ],
    [
      "erase_cnt",
      { scope: "user.jdoe", name: "c1", childscope: "s", childname: "d", childtype: "DATASET" },
      "contents-changed",
    ],
    ["erase", { account: "root", scope: "user.jdoe", name: "ds1" }, "did-erased"],
  ])("reads %s as %s's DID", (eventType, payload, kind) => {
    expect(parseRucioMessage(body(eventType, payload)).message).toEqual({
      kind,
      scope: "user.jdoe",
      name: payload.name,
    });
  });

  it.each(["rule_ok", "rule_progress", "datasetlock_ok"])("reads %s as its rule having moved", (eventType) => {
    const payload = { scope: "user.jdoe", name: "ds1", rule_id: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", progress: 50 };
    expect(parseRucioMessage(body(eventType, payload)).message).toEqual({
      kind: "rule-moved",
      ruleId: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    });
  });

  it("ignores other events, payloads without what they need, and bodies that are not Rucio messages", () => {
    expect(parseRucioMessage(body("transfer-done", { scope: "s", name: "n" })).message).toEqual({
      kind: "ignored",
      eventType: "transfer-done",
    });
    expect(parseRucioMessage(body("create_dts", { scope: "s" })).message.kind).toBe("ignored");
    expect(parseRucioMessage(body("rule_ok", { scope: "s", name: "n" })).message.kind).toBe("ignored");
    expect(parseRucioMessage("not json").message.kind).toBe("ignored");
    expect(parseRucioMessage('{"hello": 1}').message.kind).toBe("ignored");
  });

  it("keys a message by its body, so hermes resending it gives the same key", () => {
    const text = body("create_dts", { scope: "s", name: "n" });
    expect(parseRucioMessage(text).key).toBe(parseRucioMessage(`${text}`).key);
    expect(parseRucioMessage(text).key).not.toBe(parseRucioMessage(body("create_dts", { scope: "s", name: "m" })).key);
  });

  it("reads created_at as UTC, to milliseconds", () => {
    expect(parseRucioMessage(body("open", { scope: "s", name: "n" })).createdAt?.toISOString()).toBe(
      "2026-12-05T08:40:22.123Z",
    );
    expect(parseRucioMessage(body("open", { scope: "s", name: "n" }, "whenever")).createdAt).toBeNull();
  });
});
