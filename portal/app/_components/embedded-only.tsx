"use client";

import { useSyncExternalStore, type ReactNode } from "react";

const noSubscription = () => () => undefined;
const isEmbedded = () => window.parent !== window;
const onServer = () => false;

/** Renders its children only when the portal runs inside a frame (the JupyterLab panel). */
export function EmbeddedOnly({ children }: { children: ReactNode }) {
  const embedded = useSyncExternalStore(noSubscription, isEmbedded, onServer);
  return embedded ? <>{children}</> : null;
}
