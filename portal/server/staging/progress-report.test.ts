import { describe, expect, it } from "vitest";
import { judgeProgressReport, type ProgressSnapshot } from "./progress-report";

const queued: ProgressSnapshot = { state: "QUEUED", filesDone: 0, filesTotal: 4, bytesDone: 0n, bytesTotal: 4000n };
const downloading: ProgressSnapshot = { ...queued, state: "DOWNLOADING", filesDone: 2, bytesDone: 2000n };

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

  it("refuses going backwards, past the totals and changing totals", () => {
    expect(judgeProgressReport(downloading, { filesDone: 1, bytesDone: 2500n })).toMatchObject({
      accepted: false,
      status: 422,
    });
    expect(judgeProgressReport(downloading, { filesDone: 3, bytesDone: 1999n })).toMatchObject({
      accepted: false,
      status: 422,
    });
    expect(judgeProgressReport(downloading, { filesDone: 5, bytesDone: 3000n })).toMatchObject({
      accepted: false,
      status: 422,
    });
    expect(judgeProgressReport(downloading, { filesDone: 3, bytesDone: 4001n })).toMatchObject({
      accepted: false,
      status: 422,
    });
    expect(judgeProgressReport(downloading, { filesDone: 3, bytesDone: 3000n, filesTotal: 5 })).toMatchObject({
      accepted: false,
      status: 422,
    });
    expect(
      judgeProgressReport(downloading, { filesDone: 3, bytesDone: 3000n, filesTotal: 4, bytesTotal: 4000n }).accepted,
    ).toBe(true);
  });

  it("lets the executor set totals Rucio did not know", () => {
    const unknown: ProgressSnapshot = { ...queued, filesTotal: null, bytesTotal: null };
    expect(
      judgeProgressReport(unknown, { filesDone: 1, bytesDone: 10n, filesTotal: 2, bytesTotal: 20n }),
    ).toMatchObject({
      accepted: true,
      next: { filesTotal: 2, bytesTotal: 20n },
    });
    expect(judgeProgressReport(unknown, { state: "OK", filesDone: 2, bytesDone: 20n })).toMatchObject({
      accepted: false,
      status: 422,
    });
  });

  it("OK only when complete, FAILED only with a reason", () => {
    expect(judgeProgressReport(downloading, { state: "OK", filesDone: 3, bytesDone: 3000n })).toMatchObject({
      accepted: false,
      status: 422,
    });
    expect(judgeProgressReport(downloading, { state: "OK", filesDone: 4, bytesDone: 4000n })).toMatchObject({
      accepted: true,
      next: { state: "OK" },
    });
    expect(judgeProgressReport(downloading, { state: "FAILED", filesDone: 2, bytesDone: 2000n })).toMatchObject({
      accepted: false,
      status: 422,
    });
    expect(
      judgeProgressReport(downloading, { state: "FAILED", filesDone: 2, bytesDone: 2000n, error: " disk full " }),
    ).toMatchObject({
      accepted: true,
      next: { state: "FAILED", error: "disk full" },
    });
  });

  it("refuses reports for finished or cancelled requests with 410, and impossible moves with 409", () => {
    for (const state of ["OK", "FAILED", "CANCELLED"] as const) {
      expect(judgeProgressReport({ ...downloading, state }, { filesDone: 4, bytesDone: 4000n })).toMatchObject({
        accepted: false,
        status: 410,
      });
    }
    expect(
      judgeProgressReport({ ...downloading, state: "REPLICATING" }, { filesDone: 3, bytesDone: 3000n }),
    ).toMatchObject({ accepted: false, status: 409 });
    expect(judgeProgressReport(downloading, { state: "QUEUED", filesDone: 2, bytesDone: 2000n })).toMatchObject({
      accepted: false,
      status: 409,
    });
  });

  it("lets the Jupyter session cancel its download", () => {
    expect(judgeProgressReport(downloading, { state: "CANCELLED", filesDone: 2, bytesDone: 2000n })).toMatchObject({
      accepted: true,
      next: { state: "CANCELLED" },
    });
  });
});
