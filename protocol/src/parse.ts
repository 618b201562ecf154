import { z } from "zod";
import {
  messageSchema,
  PROTOCOL_NAME,
  PROTOCOL_VERSION,
  type Message,
  type MessageBody,
  type MessageOf,
  type MessageType,
} from "./messages";

const envelopeSchema = z.object({
  protocol: z.literal(PROTOCOL_NAME),
  version: z.string(),
});

function majorOf(version: string): string | undefined {
  return /^(\d{1,4})\.\d{1,4}$/.exec(version)?.[1];
}

const ownMajor = majorOf(PROTOCOL_VERSION);

/**
 * Validates untrusted postMessage data. Returns null for anything that is not a well-formed
 * message of this protocol's major version, so callers can drop it without further checks.
 */
export function parseMessage(data: unknown): Message | null {
  const envelope = envelopeSchema.safeParse(data);
  if (!envelope.success || majorOf(envelope.data.version) !== ownMajor) return null;
  const message = messageSchema.safeParse(data);
  return message.success ? message.data : null;
}

/** Builds an outgoing message stamped with this side's protocol name and version. */
export function createMessage<T extends MessageType>(type: T, body: Omit<MessageBody<T>, "type">): MessageOf<T> {
  return { ...body, type, protocol: PROTOCOL_NAME, version: PROTOCOL_VERSION } as MessageOf<T>;
}
