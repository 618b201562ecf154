"use client";
import { STAGING_MODE, useEmbedBridge } from "@/app/_bridge/embed-bridge-provider";

/** The mode a Stage click uses: the one the JupyterLab session announced, else the portal's configured one. */
export function useStagingMode(configured: "RULE" | "DOWNLOAD"): "RULE" | "DOWNLOAD" {
  const { session } = useEmbedBridge();
  return session ? STAGING_MODE[session.mode] : configured;
}
