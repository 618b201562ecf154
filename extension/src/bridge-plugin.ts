import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { IThemeManager } from "@jupyterlab/apputils";
import { sessionSchema, type Message, type MessageBody, type MessageType, type Session } from "@rucio-catalog/protocol";
import { Signal, type ISignal } from "@lumino/signaling";
import { PortalBridgeCore } from "./bridge";
import { currentTheme } from "./theme";
import { ICatalogBridge, ICatalogPanel, ICatalogSettings } from "./tokens";

const PLUGIN_ID = "rucio-catalog-jupyterlab:bridge";

/** What this extension does for the portal; announced in hello. */
export const EXTENSION_CAPABILITIES = [
  "insert-datasets",
  "stage-download",
  "notebook-context",
  "progress",
  "request-stage",
  "sign-in-nonce",
  "watch-news",
  "local-data",
];

// The iframe's load event can come before the portal's script listens, so hello is repeated until ready.
const HELLO_INTERVAL_MS = 500;
const HELLO_ATTEMPTS = 40;

class CatalogBridge implements ICatalogBridge {
  private readonly core: PortalBridgeCore;
  private readonly _received: Signal<ICatalogBridge, Message> = new Signal<ICatalogBridge, Message>(this);
  private readonly _connectionChanged: Signal<ICatalogBridge, boolean> = new Signal<ICatalogBridge, boolean>(this);
  private helloTimer: number | undefined;

  constructor(
    private readonly panel: ICatalogPanel,
    private readonly settings: ICatalogSettings,
    private readonly themeManager: IThemeManager | null,
  ) {
    this.core = new PortalBridgeCore({
      frameWindow: () => panel.frameWindow(),
      portalOrigin: () => settings.current.portalOrigin,
      warn: (message, detail) => console.warn(message, detail),
    });
    window.addEventListener("message", (event) => this.onMessage(event));
    panel.frameLoaded.connect(() => this.greet());
    themeManager?.themeChanged.connect(() => {
      if (this.connected) {
        this.core.post("theme", { theme: currentTheme(this.themeManager) });
      }
    });
    settings.changed.connect(() => this.greet());
  }

  get connected(): boolean {
    return this.core.connected;
  }

  get portalCapabilities(): readonly string[] {
    return this.core.portalCapabilities;
  }

  get received(): ISignal<ICatalogBridge, Message> {
    return this._received;
  }

  get connectionChanged(): ISignal<ICatalogBridge, boolean> {
    return this._connectionChanged;
  }

  post<T extends MessageType>(type: T, body: Omit<MessageBody<T>, "type">): boolean {
    return this.connected && this.core.post(type, body);
  }

  whenConnected(timeoutMs: number): Promise<boolean> {
    if (this.connected || !this.panel.frameWindow()) {
      return Promise.resolve(this.connected);
    }
    return new Promise((resolve) => {
      const done = (_: ICatalogBridge, connected: boolean) => {
        if (connected) {
          finish(true);
        }
      };
      const finish = (result: boolean) => {
        window.clearTimeout(timer);
        this._connectionChanged.disconnect(done);
        resolve(result);
      };
      const timer = window.setTimeout(() => finish(this.connected), timeoutMs);
      this._connectionChanged.connect(done);
    });
  }

  /** (Re)starts the handshake with whatever document the frame now holds. */
  private greet(): void {
    const wasConnected = this.connected;
    this.core.reset();
    if (wasConnected) {
      this._connectionChanged.emit(false);
    }
    window.clearInterval(this.helloTimer);
    let attempts = 0;
    const sayHello = () => {
      if (this.connected || attempts++ >= HELLO_ATTEMPTS || !this.panel.frameWindow()) {
        window.clearInterval(this.helloTimer);
        return;
      }
      this.core.post("hello", {
        capabilities: EXTENSION_CAPABILITIES,
        theme: currentTheme(this.themeManager),
        session: this.session(),
      });
    };
    sayHello();
    this.helloTimer = window.setInterval(sayHello, HELLO_INTERVAL_MS);
  }

  /** The session's staging settings; names the protocol would refuse are left out rather than sent. */
  private session(): Session {
    const { mode, instance, destinationRse } = this.settings.current;
    const parsed = sessionSchema.safeParse({ mode, instance, destinationRse });
    return parsed.success ? parsed.data : { mode, instance: null, destinationRse: null };
  }

  private onMessage(event: MessageEvent): void {
    const message = this.core.accept(event);
    if (message === null) {
      return;
    }
    if (message.type === "ready") {
      window.clearInterval(this.helloTimer);
      this._connectionChanged.emit(true);
    }
    if (message.type === "sign-in-nonce-request") {
      this.core.sendSignInNonce(this.panel.signInNonce());
      return;
    }
    this._received.emit(message);
  }
}

function activate(
  _app: JupyterFrontEnd,
  panel: ICatalogPanel,
  settings: ICatalogSettings,
  themeManager: IThemeManager | null,
): ICatalogBridge {
  return new CatalogBridge(panel, settings, themeManager);
}

export const bridgePlugin: JupyterFrontEndPlugin<ICatalogBridge> = {
  id: PLUGIN_ID,
  description: "Exchanges validated messages with the Rucio Catalog portal in the panel.",
  autoStart: true,
  requires: [ICatalogPanel, ICatalogSettings],
  optional: [IThemeManager],
  provides: ICatalogBridge,
  activate,
};
