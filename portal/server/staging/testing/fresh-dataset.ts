import { uniqueSuffix, uploadDataset, type UploadedFile } from "@/server/rucio/int-test-support";

/**
 * A new dataset of jdoe's, uploaded with the real rucio client, that nobody has staged yet. The local
 * Rucio runs on SQLite next to its daemons and now and then fails an upload ("Failed to attach file to
 * the dataset"): such attempts are retried under a new name.
 */
export async function freshJdoeDataset(label: string, fileCount: number): Promise<{ scope: string; name: string; files: UploadedFile[] }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dataset = { scope: "user.jdoe", name: `user.jdoe.${label}.${uniqueSuffix()}` };
    try {
      return { ...dataset, files: await uploadDataset("jdoe", dataset.scope, dataset.name, fileCount) };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
