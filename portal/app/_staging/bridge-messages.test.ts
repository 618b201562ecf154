import { createMessage, parseMessage } from "@rucio-catalog/protocol";
import { describe, expect, it } from "vitest";
import type { StagingView } from "@/lib/api-responses";
import { progressMessageBody, stageMessageBody } from "./bridge-messages";

const view: StagingView = {
  id: "cmabc123",
  instance: "default",
  account: "jdoe",
  scope: "mc20_13TeV",
  name: "mc20_13TeV.700320.DAOD_PHYS.p5057",
  mode: "DOWNLOAD",
  destination: "rucio-data",
  state: "DOWNLOADING",
  filesDone: 2,
  filesTotal: 5,
  bytesDone: 2048,
  bytesTotal: 5120,
  filesPercent: 40,
  bytesPercent: 40,
  secondsLeft: 12,
  ruleId: null,
  error: null,
  unfinished: true,
  cancellable: true,
  progressSource: "download-executor",
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:05.000Z",
  startedAt: "2026-01-01T00:00:01.000Z",
  finishedAt: null,
  estimatedSeconds: 30,
  estimateConfidence: "MEDIUM",
  actualSeconds: null,
};

describe("staging events as protocol messages", () => {
  it("progress in the protocol's state words, valid for its validator", () => {
    const cases: [StagingView["state"], string][] = [
      ["QUEUED", "pending"],
      ["REPLICATING", "staging"],
      ["STUCK", "staging"],
      ["OK", "done"],
      ["FAILED", "failed"],
      ["CANCELLED", "cancelled"],
    ];
    for (const [state, expected] of cases) {
      const body = progressMessageBody({ ...view, state, error: state === "FAILED" ? "x".repeat(400) : null });
      expect(body.state).toBe(expected);
      const parsed = parseMessage(createMessage("progress", body));
      expect(parsed).not.toBeNull();
      if (state === "FAILED") expect(body.error).toHaveLength(256);
    }
    expect(progressMessageBody({ ...view, filesTotal: null, bytesTotal: null })).toMatchObject({
      filesTotal: 2,
      bytesTotal: 2048,
    });
  });

  it("a stage message only for download mode, carrying the request's token and progress URL", () => {
    const token = { token: `stgp_${"a".repeat(43)}`, expiresAt: "2026-01-01T00:15:00.000Z" };
    const body = stageMessageBody({
      staging: view,
      didType: "DATASET",
      progressToken: token,
      progressUrl: "http://127.0.0.1:3000/api/stagings/cmabc123/progress",
    });
    expect(body).toEqual({
      requestId: "cmabc123",
      progressUrl: "http://127.0.0.1:3000/api/stagings/cmabc123/progress",
      token: token.token,
      dataset: { instance: "default", scope: "mc20_13TeV", name: view.name, type: "DATASET", mode: "download" },
    });
    expect(parseMessage(createMessage("stage", body!))).not.toBeNull();
    expect(stageMessageBody({ staging: { ...view, mode: "RULE" }, didType: "DATASET" })).toBeNull();
  });
});
