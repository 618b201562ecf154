"use client";

import type { DatasetRef, MessageOf, Session } from "@rucio-catalog/protocol";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { StagingView } from "@/lib/api-responses";
import { WATCH_NEWS_EVENT } from "@/lib/watches/watch-client";
import { progressMessageBody, stageMessageBody } from "../_staging/bridge-messages";
import {
  announceStagingCreated,
  stageDataset,
  STAGING_CREATED_EVENT,
  STAGING_UPDATED_EVENT,
  type StagingCreatedDetail,
} from "../_staging/staging-client";
import { createPortalBridge, PORTAL_CAPABILITIES, STAGING_CAPABILITIES, type PortalBridge } from "./portal-bridge";
import { withBasePath } from "@/lib/base-path";

interface EmbedBridgeState {
  /** Inside an iframe (JupyterLab's panel, or any other frame the CSP allowed). */
  embedded: boolean;
  /** A JupyterLab host completed the handshake and can receive datasets. */
  connected: boolean;
  notebook: MessageOf<"notebook-context"> | null;
  /** How the host's Jupyter session receives data, when it said (staging then follows it). */
  session: Session | null;
  /** What the host announced in hello (empty until connected). */
  hostCapabilities: readonly string[];
  insertDatasets(datasets: DatasetRef[]): boolean;
  /** Asks the host for its embed sign-in nonce (/embed/start); null when it gives none within timeoutMs. */
  requestSignInNonce(timeoutMs: number): Promise<string | null>;
  /** Asks the host what its download folder holds of a dataset; null when it cannot say within timeoutMs. */
  checkLocal(dataset: DatasetRef, timeoutMs: number): Promise<MessageOf<"local-data"> | null>;
}

const EmbedBridgeContext = createContext<EmbedBridgeState>({
  embedded: false,
  connected: false,
  notebook: null,
  session: null,
  hostCapabilities: [],
  insertDatasets: () => false,
  requestSignInNonce: () => Promise.resolve(null),
  checkLocal: () => Promise.resolve(null),
});

/** The portal's name for each protocol staging mode. */
export const STAGING_MODE = { download: "DOWNLOAD", rule: "RULE" } as const;

/**
 * Stages what the host asked for (`request-stage`: datasets a notebook declares), one request each as
 * if the user had clicked Stage; the staging events then reach the host as `stage` / `progress`.
 * Returns what the user should read about it.
 */
async function stageRequested(message: MessageOf<"request-stage">, session: Session | null): Promise<string> {
  const outcomes = await Promise.allSettled(
    message.datasets.map(async (dataset) => {
      const wanted = dataset.mode ?? session?.mode;
      const mode = wanted ? STAGING_MODE[wanted] : undefined;
      announceStagingCreated(
        await stageDataset({ instance: dataset.instance, scope: dataset.scope, name: dataset.name, mode }),
      );
    }),
  );
  const failures = outcomes.flatMap((outcome, index) =>
    outcome.status === "rejected"
      ? [`${message.datasets[index]!.scope}:${message.datasets[index]!.name}: ${(outcome.reason as Error).message}`]
      : [],
  );
  const started = outcomes.length - failures.length;
  const summary = `Your notebook asked for ${outcomes.length} dataset(s): ${started} staging, follow them in your staging history.`;
  return failures.length ? `${summary} Not staged: ${failures.join("; ")}` : summary;
}

export function useEmbedBridge(): EmbedBridgeState {
  return useContext(EmbedBridgeContext);
}

/** Talks to the JupyterLab extension when the portal is embedded; a no-op in a top-level window. */
export function EmbedBridgeProvider({
  allowedOrigins,
  canStage,
  children,
}: {
  allowedOrigins: string[];
  canStage: boolean;
  children: ReactNode;
}) {
  const bridge = useRef<PortalBridge | null>(null);
  const [embedded, setEmbedded] = useState(false);
  const [connected, setConnected] = useState(false);
  const [notebook, setNotebook] = useState<MessageOf<"notebook-context"> | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [hostCapabilities, setHostCapabilities] = useState<readonly string[]>([]);
  const nonceWaiters = useRef(new Set<(nonce: string) => void>());
  const localWaiters = useRef(new Map<string, (answer: MessageOf<"local-data">) => void>());

  useEffect(() => {
    if (window.parent === window) return;
    setEmbedded(true);
    let hostSession: Session | null = null;
    // The header's count of new watch matches, for a host that shows it (JupyterLab's status bar).
    let watchNews: number | null = null;
    let hostShowsWatchNews = false;
    const sendWatchNews = () => {
      if (hostShowsWatchNews && watchNews !== null) bridge.current?.send("watch-news", { newCount: watchNews });
    };
    bridge.current = createPortalBridge(
      window,
      allowedOrigins,
      {
        onConnected: (_origin, capabilities, announced) => {
          hostSession = announced ?? null;
          setSession(hostSession);
          setHostCapabilities(capabilities);
          setConnected(true);
          hostShowsWatchNews = capabilities.includes("watch-news");
          sendWatchNews();
        },
        onTheme: (theme) => {
          document.documentElement.dataset.theme = theme;
        },
        onNotebookContext: setNotebook,
        onRequestStage: (message) => void stageRequested(message, hostSession).then(setNotice),
        onSignInNonce: (nonce) => nonceWaiters.current.forEach((resolve) => resolve(nonce)),
        onLocalData: (answer) => localWaiters.current.get(answer.requestId)?.(answer),
      },
      canStage ? STAGING_CAPABILITIES : PORTAL_CAPABILITIES,
    );
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
    const onWatchNews = (event: Event) => {
      watchNews = (event as CustomEvent<number>).detail;
      sendWatchNews();
    };
    window.addEventListener(STAGING_CREATED_EVENT, onCreated);
    window.addEventListener(STAGING_UPDATED_EVENT, onUpdated);
    window.addEventListener(WATCH_NEWS_EVENT, onWatchNews);
    return () => {
      bridge.current?.dispose();
      window.removeEventListener(STAGING_CREATED_EVENT, onCreated);
      window.removeEventListener(STAGING_UPDATED_EVENT, onUpdated);
      window.removeEventListener(WATCH_NEWS_EVENT, onWatchNews);
    };
  }, [allowedOrigins, canStage]);

  const state: EmbedBridgeState = {
    embedded,
    connected,
    notebook,
    session,
    hostCapabilities,
    insertDatasets: (datasets) => bridge.current?.send("insert-datasets", { datasets }) ?? false,
    requestSignInNonce: (timeoutMs) =>
      new Promise((resolve) => {
        const settle = (nonce: string | null) => {
          window.clearTimeout(timer);
          nonceWaiters.current.delete(settle);
          resolve(nonce);
        };
        const timer = window.setTimeout(() => settle(null), timeoutMs);
        nonceWaiters.current.add(settle);
        if (!bridge.current?.send("sign-in-nonce-request", {})) settle(null);
      }),
    checkLocal: (dataset, timeoutMs) =>
      new Promise((resolve) => {
        const requestId = `l${Math.random().toString(36).slice(2, 12)}`;
        const settle = (answer: MessageOf<"local-data"> | null) => {
          window.clearTimeout(timer);
          localWaiters.current.delete(requestId);
          resolve(answer);
        };
        const timer = window.setTimeout(() => settle(null), timeoutMs);
        localWaiters.current.set(requestId, settle);
        if (!hostCapabilities.includes("local-data") || !bridge.current?.send("local-check", { requestId, dataset }))
          settle(null);
      }),
  };
  return (
    <EmbedBridgeContext.Provider value={state}>
      {notice && (
        <p role="status" className="embed-notice">
          {notice} <a href={withBasePath("/stagings")}>Staging history</a>
        </p>
      )}
      {children}
    </EmbedBridgeContext.Provider>
  );
}
