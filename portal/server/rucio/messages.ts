import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { parseNaiveUtcDate } from "./json";

/**
 * Rucio's own event messages as its `hermes` daemon publishes them to a STOMP broker: a JSON body
 * `{event_type, payload, created_at}` with the type in lower case. Only the events that change what the
 * catalog or a staging request shows are read; every other message is `ignored`, never an error.
 */
export type RucioMessage =
  /** A collection to read again: created (CREATE_DTS, CREATE_CNT), opened, closed (its final size). */
  | { kind: "did-changed"; scope: string; name: string }
  /** A collection whose contents changed (DETACH, REGISTER_CNT, ERASE_CNT): its size and file count move. */
  | { kind: "contents-changed"; scope: string; name: string }
  | { kind: "did-erased"; scope: string; name: string }
  /** A rule moved (RULE_OK, RULE_PROGRESS, DATASETLOCK_OK): its staging request is due now. */
  | { kind: "rule-moved"; ruleId: string }
  | { kind: "ignored"; eventType: string };

export interface ReceivedMessage {
  /** sha256 of the body: hermes resends a message it could not delete byte for byte, so a duplicate has the same key. */
  key: string;
  message: RucioMessage;
  /** When Rucio wrote the message (created_at, UTC), for measuring how fresh the catalog is. */
  createdAt: Date | null;
}

const did = z.object({ scope: z.string().min(1), name: z.string().min(1) });
const rule = z.object({ rule_id: z.string().min(1) });
const envelope = z.object({
  event_type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  created_at: z.string().optional(),
});

const DID_CHANGED = new Set(["create_dts", "create_cnt", "open", "close"]);
const CONTENTS_CHANGED = new Set(["detach", "register_cnt", "erase_cnt"]);
const RULE_MOVED = new Set(["rule_ok", "rule_progress", "datasetlock_ok"]);

function classify(eventType: string, payload: Record<string, unknown>): RucioMessage {
  const type = eventType.toLowerCase();
  const target = did.safeParse(payload);
  if (DID_CHANGED.has(type) && target.success) return { kind: "did-changed", ...target.data };
  if (CONTENTS_CHANGED.has(type) && target.success) return { kind: "contents-changed", ...target.data };
  if (type === "erase" && target.success) return { kind: "did-erased", ...target.data };
  const moved = rule.safeParse(payload);
  if (RULE_MOVED.has(type) && moved.success) return { kind: "rule-moved", ruleId: moved.data.rule_id };
  return { kind: "ignored", eventType: type };
}

/** Reads one message body; a body that is not a Rucio message comes back as `ignored`. */
export function parseRucioMessage(body: string): ReceivedMessage {
  const key = createHash("sha256").update(body).digest("hex");
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { key, message: { kind: "ignored", eventType: "(not JSON)" }, createdAt: null };
  }
  const parsed = envelope.safeParse(json);
  if (!parsed.success)
    return { key, message: { kind: "ignored", eventType: "(not a Rucio message)" }, createdAt: null };
  return {
    key,
    message: classify(parsed.data.event_type, parsed.data.payload),
    createdAt: parseNaiveUtcDate(parsed.data.created_at),
  };
}
