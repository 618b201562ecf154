"use client";

import type { DatasetRef, DidType } from "@rucio-catalog/protocol";
import type { ReactNode } from "react";
import { fetchJson } from "@/lib/api-client";
import type { StagedFiles } from "@/lib/api-responses";
import { useEmbedBridge } from "../../_bridge/embed-bridge-provider";
import { datasetApiPath, datasetHref } from "../../_components/dataset-links";
import { EmbeddedOnly } from "../../_components/embedded-only";
import { ShareControl } from "../../_components/share-control";
import { useLocalData } from "../../_staging/use-local-data";

interface DatasetActionsProps {
  dataset: { instance: string; scope: string; name: string; type: DidType | null };
  /** The Stage control (a server component: it knows who is signed in). */
  stage: ReactNode;
  defaultInstance: string;
  /** PORTAL_JUPYTERLAB_LINK, or null when no "Open in JupyterLab" link is offered. */
  jupyterLabTemplate: string | null;
}

/** The local paths of a DID whose every file is on the mounted RSE; undefined when they cannot all be given. */
async function mountedPaths(dataset: DatasetActionsProps["dataset"]): Promise<string[] | undefined> {
  try {
    const { files, truncated } = await fetchJson<StagedFiles>(datasetApiPath(dataset, "/local-files"));
    const paths = files.flatMap((file) => (file.localPath ? [file.localPath] : []));
    return !truncated && paths.length > 0 && paths.length === files.length ? paths : undefined;
  } catch {
    return undefined; // the Jupyter server resolves the paths itself
  }
}

/** Share, Stage, and — inside the JupyterLab panel — Insert into notebook. */
export function DatasetActions({ dataset, stage, defaultInstance, jupyterLabTemplate }: DatasetActionsProps) {
  const bridge = useEmbedBridge();
  const ruleSession = bridge.connected && bridge.session?.mode === "rule";
  // Rule mode: when every file is on the mounted RSE already, the insert carries their paths there.
  const local = useLocalData({ ...dataset, mode: "RULE" }, ruleSession);
  const insert = async () => {
    const ref: DatasetRef = {
      instance: dataset.instance,
      scope: dataset.scope,
      name: dataset.name,
      type: dataset.type ?? "DATASET",
    };
    const localPaths = ruleSession && local.kind === "complete" ? await mountedPaths(dataset) : undefined;
    bridge.insertDatasets([localPaths ? { ...ref, mode: "rule", localPaths } : ref]);
  };
  return (
    <div className="actions">
      <ShareControl portalPath={datasetHref(dataset, defaultInstance)} jupyterLabTemplate={jupyterLabTemplate} />
      {stage}
      <EmbeddedOnly>
        <button
          type="button"
          className="button"
          onClick={() => void insert()}
          disabled={!bridge.connected}
          aria-describedby="insert-note"
        >
          Insert into notebook
        </button>
        {!bridge.connected && (
          <span id="insert-note" className="muted small">
            Waiting for JupyterLab to connect to this page.
          </span>
        )}
      </EmbeddedOnly>
    </div>
  );
}
