"use client";
import { useState } from "react";
import type { StagedFile } from "@/lib/api-responses";
import { fetchStagedFiles } from "./staging-client";
import styles from "./staging.module.css";

/** On demand: the files Rucio lists on the destination and where they appear in the session. */
export function StagedFilesPanel({ stagingId }: { stagingId: string }) {
  const [files, setFiles] = useState<{ files: StagedFile[]; truncated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load() {
    try {
      setFiles(await fetchStagedFiles(stagingId));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  if (error)
    return (
      <p role="alert" className={styles.error}>
        {error}
      </p>
    );
  if (!files)
    return (
      <button type="button" className={styles.secondary} onClick={load}>
        Show files and local paths
      </button>
    );
  if (files.files.length === 0)
    return <p className={styles.meta}>Rucio lists no available replica on the destination yet.</p>;
  return (
    <>
      <p className={styles.note}>
        Paths follow the portal's mount mapping; Rucio lists these replicas as available on the destination.
      </p>
      <ul className={styles.paths}>
        {files.files.map((file) => (
          <li key={`${file.scope}:${file.name}`}>
            {file.localPath ?? `${file.pfn} (no mount mapping for ${file.rse})`}
          </li>
        ))}
      </ul>
      {files.truncated && <p className={styles.meta}>Only the first {files.files.length} files are listed.</p>}
    </>
  );
}
