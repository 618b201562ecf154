import type { MessageBody, StagingState as ProtocolState } from "@rucio-catalog/protocol";
import type { StagingState } from "@/lib/db/values";
import type { StagingView } from "@/lib/api-responses";
import type { StagingCreatedDetail } from "./staging-client";

/**
 * What the JupyterLab bridge sends for the staging events (STAGING_CREATED_EVENT,
 * STAGING_UPDATED_EVENT): `stage` for a download the Jupyter server must run, `progress` otherwise.
 */
const PROTOCOL_STATE: Record<StagingState, ProtocolState> = {
  QUEUED: "pending",
  REPLICATING: "staging",
  DOWNLOADING: "staging",
  STUCK: "staging",
  OK: "done",
  FAILED: "failed",
  CANCELLED: "cancelled",
};

/** The protocol caps error texts at 256 characters. */
const ERROR_LIMIT = 256;

export function progressMessageBody(staging: StagingView): Omit<MessageBody<"progress">, "type"> {
  const error = staging.error
    ? staging.error.length > ERROR_LIMIT
      ? `${staging.error.slice(0, ERROR_LIMIT - 1)}…`
      : staging.error
    : undefined;
  return {
    requestId: staging.id,
    state: PROTOCOL_STATE[staging.state],
    filesDone: staging.filesDone,
    filesTotal: Math.max(staging.filesTotal ?? 0, staging.filesDone),
    bytesDone: staging.bytesDone,
    bytesTotal: Math.max(staging.bytesTotal ?? 0, staging.bytesDone),
    error,
  };
}

/** The `stage` message for a download-mode request; null for rule mode (the portal tracks those itself). */
export function stageMessageBody(created: StagingCreatedDetail): Omit<MessageBody<"stage">, "type"> | null {
  if (!created.progressToken || !created.progressUrl) return null;
  const { staging } = created;
  return {
    requestId: staging.id,
    progressUrl: created.progressUrl,
    token: created.progressToken.token,
    dataset: {
      instance: staging.instance,
      scope: staging.scope,
      name: staging.name,
      type: created.didType,
      mode: "download",
    },
  };
}
