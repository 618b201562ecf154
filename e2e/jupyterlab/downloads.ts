import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { DOWNLOAD_DIR } from "./env";
import { adler32, type RucioFile, type SavedNotebook } from "./helpers";

/** Where this JupyterLab's downloads put one file of a dataset. */
export function downloadedPath(scope: string, name: string, file: RucioFile): string {
  return `${DOWNLOAD_DIR}/${scope}/${name}/${file.name}`;
}

/** Every file of the dataset is in the download folder, with the size and checksum Rucio lists. */
export function expectDownloaded(scope: string, name: string, files: RucioFile[]): void {
  for (const file of files) {
    const data = readFileSync(downloadedPath(scope, name, file));
    expect(data.length).toBe(file.bytes);
    expect(adler32(data)).toBe(file.adler32);
  }
}

/**
 * The notebook's second cell is the fresh code cell an insert added, and its metadata declares the
 * dataset in download mode at `paths`.
 */
export function expectInsertedDownload(saved: SavedNotebook, scope: string, name: string, paths: string[]): void {
  expect(saved.cells[1]).toMatchObject({ cell_type: "code", execution_count: null, outputs: [] });
  expect(saved.metadata.rucio_catalog).toEqual({
    datasets: [{ instance: "default", scope, name, type: "DATASET", mode: "download", local_paths: paths }],
  });
}
