import { expect, type Page } from "@playwright/test";

export interface ReportedDownload {
  id: string;
  filesTotal: number;
  bytesTotal: number;
}

/**
 * A download-mode staging of `did` by the user signed in on `page`, whose progress is reported as the
 * Jupyter session's executor reports it: one report per share of the totals in `shares`, the last done.
 */
export async function reportedDownload(
  page: Page,
  did: { scope: string; name: string },
  shares: number[],
): Promise<ReportedDownload> {
  const created = await page.request.post("/api/stagings", {
    data: { ...did, mode: "DOWNLOAD", destination: "rucio-data/e2e-pictures" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { staging, progressToken } = (await created.json()) as {
    staging: { id: string; filesTotal: number; bytesTotal: number };
    progressToken: { token: string };
  };
  for (const [index, share] of shares.entries()) {
    const done = index === shares.length - 1;
    const report = await page.request.patch(`/api/stagings/${staging.id}/progress`, {
      headers: { authorization: `Bearer ${progressToken.token}` },
      data: {
        state: done ? "done" : "staging",
        filesDone: Math.round(share * staging.filesTotal),
        bytesDone: Math.round(share * staging.bytesTotal),
        filesTotal: staging.filesTotal,
        bytesTotal: staging.bytesTotal,
      },
    });
    expect(report.status(), await report.text()).toBe(200);
  }
  return { id: staging.id, filesTotal: staging.filesTotal, bytesTotal: staging.bytesTotal };
}
