"use client";

import type { DatasetRef, MessageOf } from "@rucio-catalog/protocol";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { progressMessageBody, stageMessageBody } from "../_staging/bridge-messages";
import {
  STAGING_CREATED_EVENT,
  STAGING_UPDATED_EVENT,
  type StagingCreatedDetail,
  type StagingView,
} from "../_staging/staging-client";
import { createPortalBridge, type PortalBridge } from "./portal-bridge";

interface EmbedBridgeState {
  /** Inside an iframe (JupyterLab's panel, or any other frame the CSP allowed). */
  embedded: boolean;
  /** A JupyterLab host completed the handshake and can receive datasets. */
  connected: boolean;
  notebook: MessageOf<"notebook-context"> | null;
  insertDatasets(datasets: DatasetRef[]): boolean;
}

const EmbedBridgeContext = createContext<EmbedBridgeState>({
  embedded: false,
  connected: false,
  notebook: null,
  insertDatasets: () => false,
});

export function useEmbedBridge(): EmbedBridgeState {
  return useContext(EmbedBridgeContext);
}

/** Talks to the JupyterLab extension when the portal is embedded; a no-op in a top-level window. */
export function EmbedBridgeProvider({ allowedOrigins, children }: { allowedOrigins: string[]; children: ReactNode }) {
  const bridge = useRef<PortalBridge | null>(null);
  const [embedded, setEmbedded] = useState(false);
  const [connected, setConnected] = useState(false);
  const [notebook, setNotebook] = useState<MessageOf<"notebook-context"> | null>(null);

  useEffect(() => {
    if (window.parent === window) return;
    setEmbedded(true);
    bridge.current = createPortalBridge(window, allowedOrigins, {
      onConnected: () => setConnected(true),
      onTheme: (theme) => {
        document.documentElement.dataset.theme = theme;
      },
      onNotebookContext: setNotebook,
    });
    // Staging started or moved in this page: a download runs in the Jupyter server (`stage`), every
    // change shows in JupyterLab's status bar (`progress`).
    const onCreated = (event: Event) => {
      const detail = (event as CustomEvent<StagingCreatedDetail>).detail;
      const stage = stageMessageBody(detail);
      if (stage) bridge.current?.send("stage", stage);
      else bridge.current?.send("progress", progressMessageBody(detail.staging));
    };
    const onUpdated = (event: Event) =>
      bridge.current?.send("progress", progressMessageBody((event as CustomEvent<StagingView>).detail));
    window.addEventListener(STAGING_CREATED_EVENT, onCreated);
    window.addEventListener(STAGING_UPDATED_EVENT, onUpdated);
    return () => {
      bridge.current?.dispose();
      window.removeEventListener(STAGING_CREATED_EVENT, onCreated);
      window.removeEventListener(STAGING_UPDATED_EVENT, onUpdated);
    };
  }, [allowedOrigins]);

  const state: EmbedBridgeState = {
    embedded,
    connected,
    notebook,
    insertDatasets: (datasets) => bridge.current?.send("insert-datasets", { datasets }) ?? false,
  };
  return <EmbedBridgeContext.Provider value={state}>{children}</EmbedBridgeContext.Provider>;
}
