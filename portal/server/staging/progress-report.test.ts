import { describe, expect, it } from "vitest";
import { judgeProgressReport, type ProgressSnapshot } from "./progress-report";

const queued: ProgressSnapshot = { state: "QUEUED", filesDone: 0, filesTotal: 4, bytesDone: 0n, bytesTotal: 4000n };
const downloading: ProgressSnapshot = { ...queued, state: "DOWNLOADING", filesDone: 2, bytesDone: 2000n };
const unknownTotals: ProgressSnapshot = { ...queued, filesTotal: null, bytesTotal: null };
type ProgressReport = Parameters<typeof judgeProgressReport>[1];

describe("download progress reports", () => {
  it("accepts forward progress and starts DOWNLOADING", () => {
    expect(judgeProgressReport(queued, { filesDone: 1, bytesDone: 1000n })).toEqual({
      accepted: true,
      next: { state: "DOWNLOADING", filesDone: 1, filesTotal: 4, bytesDone: 1000n, bytesTotal: 4000n, error: null },
    });
    expect(judgeProgressReport(downloading, { filesDone: 2, bytesDone: 2000n }).accepted).toBe(true);
  });

  it("takes the executor's totals with its first report, and holds them from then on", () => {
    expect(
      judgeProgressReport(queued, { state: "QUEUED", filesDone: 0, bytesDone: 0n, filesTotal: 3, bytesTotal: 3500n }),
    ).toEqual({
      accepted: true,
      next: { state: "QUEUED", filesDone: 0, filesTotal: 3, bytesDone: 0n, bytesTotal: 3500n, error: null },
    });
    expect(judgeProgressReport(queued, { state: "QUEUED", filesDone: 1, bytesDone: 10n })).toMatchObject({
      accepted: false,
      status: 422,
    });
  });

  it("lets totals change while nothing is downloaded: an executor says it started before it listed the files", () => {
    const started = judgeProgressReport(queued, {
      state: "DOWNLOADING",
      filesDone: 0,
      bytesDone: 0n,
      filesTotal: 0,
      bytesTotal: 0n,
    });
    expect(started).toMatchObject({ accepted: true, next: { state: "DOWNLOADING", filesTotal: 0, bytesTotal: 0n } });
    const listed = judgeProgressReport((started as { next: ProgressSnapshot }).next, {
      filesDone: 1,
      bytesDone: 900n,
      filesTotal: 5,
      bytesTotal: 5000n,
    });
    expect(listed).toMatchObject({ accepted: true, next: { filesDone: 1, filesTotal: 5, bytesTotal: 5000n } });
    expect(
      judgeProgressReport((listed as { next: ProgressSnapshot }).next, {
        filesDone: 2,
        bytesDone: 1800n,
        filesTotal: 6,
      }),
    ).toMatchObject({ accepted: false, status: 422 });
  });

  it("accepts moving forward within the totals it holds", () => {
    expect(
      judgeProgressReport(downloading, { filesDone: 3, bytesDone: 3000n, filesTotal: 4, bytesTotal: 4000n }).accepted,
    ).toBe(true);
  });

  it("lets the executor set totals Rucio did not know", () => {
    expect(
      judgeProgressReport(unknownTotals, { filesDone: 1, bytesDone: 10n, filesTotal: 2, bytesTotal: 20n }),
    ).toMatchObject({
      accepted: true,
      next: { filesTotal: 2, bytesTotal: 20n },
    });
  });

  it("OK only when complete, FAILED only with a reason", () => {
    expect(judgeProgressReport(downloading, { state: "OK", filesDone: 4, bytesDone: 4000n })).toMatchObject({
      accepted: true,
      next: { state: "OK" },
    });
    expect(
      judgeProgressReport(downloading, { state: "FAILED", filesDone: 2, bytesDone: 2000n, error: " disk full " }),
    ).toMatchObject({
      accepted: true,
      next: { state: "FAILED", error: "disk full" },
    });
  });

  // 422: the report contradicts itself or what came before; 410: the request is over; 409: no such move.
  it.each<[string, ProgressSnapshot, ProgressReport, number]>([
    ["going back in files", downloading, { filesDone: 1, bytesDone: 2500n }, 422],
    ["going back in bytes", downloading, { filesDone: 3, bytesDone: 1999n }, 422],
    ["files past the total", downloading, { filesDone: 5, bytesDone: 3000n }, 422],
    ["bytes past the total", downloading, { filesDone: 3, bytesDone: 4001n }, 422],
    ["a changed total", downloading, { filesDone: 3, bytesDone: 3000n, filesTotal: 5 }, 422],
    ["OK with totals never set", unknownTotals, { state: "OK", filesDone: 2, bytesDone: 20n }, 422],
    ["OK before the last file", downloading, { state: "OK", filesDone: 3, bytesDone: 3000n }, 422],
    ["FAILED without a reason", downloading, { state: "FAILED", filesDone: 2, bytesDone: 2000n }, 422],
    ["a report on an OK request", { ...downloading, state: "OK" }, { filesDone: 4, bytesDone: 4000n }, 410],
    ["a report on a FAILED request", { ...downloading, state: "FAILED" }, { filesDone: 4, bytesDone: 4000n }, 410],
    [
      "a report on a CANCELLED request",
      { ...downloading, state: "CANCELLED" },
      { filesDone: 4, bytesDone: 4000n },
      410,
    ],
    ["a download report on a rule", { ...downloading, state: "REPLICATING" }, { filesDone: 3, bytesDone: 3000n }, 409],
    ["going back to QUEUED", downloading, { state: "QUEUED", filesDone: 2, bytesDone: 2000n }, 409],
  ])("refuses %s with HTTP %i", (_, snapshot, report, status) => {
    expect(judgeProgressReport(snapshot, report)).toMatchObject({ accepted: false, status });
  });

  it("lets the Jupyter session cancel its download", () => {
    expect(judgeProgressReport(downloading, { state: "CANCELLED", filesDone: 2, bytesDone: 2000n })).toMatchObject({
      accepted: true,
      next: { state: "CANCELLED" },
    });
  });
});
