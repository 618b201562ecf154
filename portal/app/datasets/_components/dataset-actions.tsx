"use client";

import type { DidType } from "@rucio-catalog/protocol";
import type { ReactNode } from "react";
import { useEmbedBridge } from "../../_bridge/embed-bridge-provider";
import { CopyLinkButton } from "../../_components/copy-link-button";
import { EmbeddedOnly } from "../../_components/embedded-only";

interface DatasetActionsProps {
  dataset: { instance: string; scope: string; name: string; type: DidType | null };
  /** The Stage control (a server component: it knows who is signed in). */
  stage: ReactNode;
}

/** Copy link, Stage, and — inside the JupyterLab panel — Insert into notebook. */
export function DatasetActions({ dataset, stage }: DatasetActionsProps) {
  const bridge = useEmbedBridge();
  const insert = () =>
    bridge.insertDatasets([
      { instance: dataset.instance, scope: dataset.scope, name: dataset.name, type: dataset.type ?? "DATASET" },
    ]);
  return (
    <div className="actions">
      <CopyLinkButton />
      {stage}
      <EmbeddedOnly>
        <button
          type="button"
          className="button"
          onClick={insert}
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
