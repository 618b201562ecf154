import type { DatasetRef } from "./messages";
import { createMessage } from "./parse";

// Well-formed messages that the bridge tests of both ends bend into hostile ones.

export const SAMPLE_DATASET: DatasetRef = {
  instance: "default",
  scope: "data18_13TeV",
  name: "data18_13TeV.x",
  type: "DATASET",
};

export const SAMPLE_PROGRESS = createMessage("progress", {
  requestId: "c1",
  state: "staging",
  filesDone: 1,
  filesTotal: 2,
  bytesDone: 1,
  bytesTotal: 2,
});
