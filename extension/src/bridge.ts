import {
  createMessage,
  isAllowedOrigin,
  parseMessage,
  PROTOCOL_NAME,
  type Message,
  type MessageBody,
  type MessageType,
} from "@rucio-catalog/protocol";

/** What the portal may send to JupyterLab; the other message types only travel the other way. */
const FROM_PORTAL: ReadonlySet<MessageType> = new Set([
  "ready",
  "insert-datasets",
  "stage",
  "progress",
  "sign-in-nonce-request",
  "watch-news",
  "local-check",
]);

/** The parts of a MessageEvent the bridge looks at (tests pass plain objects). */
export interface IIncoming {
  origin: string;
  source: unknown;
  data: unknown;
}

/** The part of a Window the bridge posts to. */
export interface IPostTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface IBridgeEnvironment {
  /** The portal iframe's window right now (null while there is no panel). */
  frameWindow(): IPostTarget | null;
  /** The configured portal origin (null: nothing is accepted). */
  portalOrigin(): string | null;
  warn(message: string, detail?: unknown): void;
}

/**
 * The JupyterLab end of the postMessage bridge, free of JupyterLab types so it can be tested with
 * fake windows. A message is acted on only if it comes from the configured portal origin AND from
 * the panel's own iframe, parses as this protocol (same major version), is a type the portal may
 * send, and (except `ready` itself) arrives after the portal answered `hello` with `ready`.
 */
export class PortalBridgeCore {
  private readyFrom: IPostTarget | null = null;
  private capabilities: string[] = [];

  constructor(private readonly environment: IBridgeEnvironment) {}

  get connected(): boolean {
    const frame = this.environment.frameWindow();
    return frame !== null && this.readyFrom === frame;
  }

  get portalCapabilities(): readonly string[] {
    return this.connected ? this.capabilities : [];
  }

  /** Forget the handshake: the frame loaded a new document, which must say ready again. */
  reset(): void {
    this.readyFrom = null;
    this.capabilities = [];
  }

  /** Returns the message to act on, or null when it must be dropped (dropped messages are logged). */
  accept(event: IIncoming): Message | null {
    const frame = this.environment.frameWindow();
    const origin = this.environment.portalOrigin();
    const fromFrame = frame !== null && event.source === frame;
    const claimsProtocol = (event.data as { protocol?: unknown } | null)?.protocol === PROTOCOL_NAME;
    if (!fromFrame && !claimsProtocol && event.origin !== origin) {
      return null; // other traffic on the window (not ours, not worth a warning)
    }
    const drop = (reason: string): null => {
      this.environment.warn(`Rucio Catalog: dropped a message from ${event.origin}: ${reason}`, event.data);
      return null;
    };
    if (origin === null || !isAllowedOrigin(event.origin, [origin])) {
      return drop(`origin is not the configured portal origin ${origin ?? "(none configured)"}`);
    }
    if (!fromFrame) {
      return drop("it does not come from the Rucio Catalog panel");
    }
    const message = parseMessage(event.data);
    if (message === null) {
      return drop("malformed, or not a compatible protocol version");
    }
    if (!FROM_PORTAL.has(message.type)) {
      return drop(`the portal does not send "${message.type}" messages`);
    }
    if (message.type === "ready") {
      this.readyFrom = frame;
      this.capabilities = message.capabilities;
      return message;
    }
    if (this.readyFrom !== frame) {
      return drop(`"${message.type}" before the portal answered hello`);
    }
    return message;
  }

  /**
   * Answers a `sign-in-nonce-request` that accept() let through with the panel's embed sign-in nonce:
   * to the panel's frame, with the portal origin as target, so no other window or origin receives it.
   */
  sendSignInNonce(nonce: string | null): boolean {
    return nonce !== null && this.post("sign-in-nonce", { nonce });
  }

  /** Posts to the portal frame with the portal origin as target origin (never "*"). */
  post<T extends MessageType>(type: T, body: Omit<MessageBody<T>, "type">): boolean {
    const frame = this.environment.frameWindow();
    const origin = this.environment.portalOrigin();
    if (frame === null || origin === null) {
      return false;
    }
    frame.postMessage(createMessage(type, body), origin);
    return true;
  }
}
