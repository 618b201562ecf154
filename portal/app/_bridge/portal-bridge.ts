import {
  createMessage,
  isAllowedOrigin,
  parseMessage,
  type MessageBody,
  type MessageOf,
  type MessageType,
  type Session,
  type Theme,
} from "@rucio-catalog/protocol";

/** What the portal can do for a JupyterLab host; announced in `ready`. */
export const PORTAL_CAPABILITIES = ["insert-datasets", "stage-rule", "stage-download", "progress"];
/** Announced too when the visitor is signed in and may stage: the host may then send `request-stage`. */
export const STAGING_CAPABILITIES = [...PORTAL_CAPABILITIES, "request-stage"];

export interface PortalBridgeHandlers {
  /** `session`: how the host's Jupyter session receives data, when it said. */
  onConnected?: (hostOrigin: string, hostCapabilities: string[], session: Session | undefined) => void;
  onTheme?: (theme: Theme) => void;
  onNotebookContext?: (message: MessageOf<"notebook-context">) => void;
  onProgress?: (message: MessageOf<"progress">) => void;
  onRequestStage?: (message: MessageOf<"request-stage">) => void;
  /** The panel's embed sign-in nonce, answering a `sign-in-nonce-request` (/embed/start). */
  onSignInNonce?: (nonce: string) => void;
  /** What the session's download folder holds of a dataset, answering a `local-check`. */
  onLocalData?: (message: MessageOf<"local-data">) => void;
}

export interface PortalBridge {
  /** Null until a `hello` from an allowed parent origin has been answered. */
  readonly hostOrigin: string | null;
  /** Posts to the JupyterLab host with an explicit target origin; false when not connected. */
  send<T extends MessageType>(type: T, body: Omit<MessageBody<T>, "type">): boolean;
  dispose(): void;
}

type BridgeWindow = Pick<Window, "addEventListener" | "removeEventListener"> & { parent: unknown };

/**
 * The portal's end of the postMessage bridge. A message is acted on only when it comes from the
 * parent window, from an allowlisted origin, and parses as this protocol's version; anything else is
 * dropped (and logged). The host origin is learned from the first valid `hello` and every reply
 * names it as target origin, never `*`.
 */
export function createPortalBridge(
  win: BridgeWindow,
  allowedOrigins: readonly string[],
  handlers: PortalBridgeHandlers,
  capabilities: readonly string[] = PORTAL_CAPABILITIES,
): PortalBridge {
  let hostOrigin: string | null = null;
  const parent = win.parent as Window;

  const post = (message: unknown, origin: string) => parent.postMessage(message, origin);

  function onMessage(event: MessageEvent) {
    if (event.source !== parent || parent === (win as unknown)) return;
    if (!isAllowedOrigin(event.origin, allowedOrigins)) {
      console.warn(`[rucio-catalog] ignored a message from ${event.origin}: not an allowed host origin`);
      return;
    }
    const message = parseMessage(event.data);
    if (!message) {
      console.warn("[rucio-catalog] ignored a malformed or incompatible message");
      return;
    }
    if (message.type === "hello") {
      hostOrigin = event.origin;
      post(createMessage("ready", { capabilities: [...capabilities] }), hostOrigin);
      handlers.onTheme?.(message.theme);
      handlers.onConnected?.(hostOrigin, message.capabilities, message.session);
      return;
    }
    if (event.origin !== hostOrigin) return; // only the host that said hello may talk further
    if (message.type === "theme") handlers.onTheme?.(message.theme);
    else if (message.type === "notebook-context") handlers.onNotebookContext?.(message);
    else if (message.type === "progress") handlers.onProgress?.(message);
    else if (message.type === "request-stage" && capabilities.includes("request-stage"))
      handlers.onRequestStage?.(message);
    else if (message.type === "sign-in-nonce") handlers.onSignInNonce?.(message.nonce);
    else if (message.type === "local-data") handlers.onLocalData?.(message);
  }

  win.addEventListener("message", onMessage as EventListener);
  return {
    get hostOrigin() {
      return hostOrigin;
    },
    send(type, body) {
      if (!hostOrigin) return false;
      post(createMessage(type, body), hostOrigin);
      return true;
    },
    dispose() {
      win.removeEventListener("message", onMessage as EventListener);
    },
  };
}
