import { createMessage, parseMessage, type MessageOf } from "@rucio-catalog/protocol";
import { describe, expect, it } from "vitest";
import { answerLocalCheck } from "./local-data";

const check = createMessage("local-check", {
  requestId: "l7",
  dataset: { instance: "default", scope: "user.jdoe", name: "ds", type: "DATASET" },
}) as MessageOf<"local-check">;
const found = {
  state: "partial" as const,
  folder: "rucio-data",
  filesTotal: 3,
  filesPresent: 2,
  bytesTotal: 300,
  bytesPresent: 200,
  checked: "checksum" as const,
  localPaths: [],
};

describe("answerLocalCheck", () => {
  it("answers with the server's counts under the same request id, as a valid message", async () => {
    const body = await answerLocalCheck(check, () => Promise.resolve(found), "rucio-data");
    expect(body).toEqual({
      requestId: "l7",
      state: "partial",
      folder: "rucio-data",
      filesTotal: 3,
      filesPresent: 2,
      bytesTotal: 300,
      bytesPresent: 200,
      checked: "checksum",
    });
    expect(parseMessage(createMessage("local-data", body))).not.toBeNull();
  });

  it("turns a failure into an error answer the portal can show, never a throw", async () => {
    const body = await answerLocalCheck(check, () => Promise.reject(new Error("no Rucio credentials")), "data");
    expect(body).toMatchObject({ requestId: "l7", state: "error", detail: "no Rucio credentials", filesPresent: 0 });
    expect(parseMessage(createMessage("local-data", body))).not.toBeNull();
  });
});
