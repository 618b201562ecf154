"use client";
import { useQuery } from "@tanstack/react-query";
import { useEmbedBridge } from "@/app/_bridge/embed-bridge-provider";
import { localDataOf, type LocalData } from "@/lib/staging/local-data";
import { useStagingPlan, type PlanTarget } from "./staging-plan";

// The Jupyter server reads Rucio's file list and may checksum up to 64 MiB: give it time.
const FOLDER_CHECK_TIMEOUT_MS = 30_000;

/**
 * What the session has of a DID already: Rucio's replicas on the mounted RSE (rule mode, from the
 * plan), or the Jupyter server's look at its download folder (download mode, over the bridge).
 */
export function useLocalData(target: PlanTarget, enabled = true): LocalData {
  const plan = useStagingPlan(target, enabled);
  const bridge = useEmbedBridge();
  const asksHost = target.mode === "DOWNLOAD" && bridge.connected && bridge.hostCapabilities.includes("local-data");
  const folder = useQuery({
    queryKey: ["local-data", target.instance, target.scope, target.name],
    queryFn: () =>
      bridge.checkLocal(
        { instance: target.instance, scope: target.scope, name: target.name, type: "DATASET" },
        FOLDER_CHECK_TIMEOUT_MS,
      ),
    enabled: enabled && asksHost,
    staleTime: 10_000,
  });
  return localDataOf(plan.data, asksHost ? (folder.data ?? null) : null);
}
