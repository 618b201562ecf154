import type { DatasetRef, Message, MessageBody, MessageType } from "@rucio-catalog/protocol";
import { Token } from "@lumino/coreutils";
import type { ISignal } from "@lumino/signaling";
import type { CatalogSettings } from "./settings";
import type { ProgressItem } from "./progress";

/** The extension's settings as they apply now: the user's, else the server's, else the schema's. */
export interface ICatalogSettings {
  readonly current: CatalogSettings;
  readonly changed: ISignal<ICatalogSettings, CatalogSettings>;
}

export const ICatalogSettings = new Token<ICatalogSettings>("rucio-catalog-jupyterlab:ICatalogSettings");

/** The portal panel. */
export interface ICatalogPanel {
  /** Opens (or shows) the panel; with a path ("/stagings"), shows that portal page. */
  open(path?: string): Promise<void>;
  /** The window inside the panel's iframe, or null while there is no panel. */
  frameWindow(): Window | null;
  /** The nonce of the panel's latest embed sign-in (null when there was none): the frame's proof. */
  signInNonce(): string | null;
  /** Emitted each time the iframe has loaded a document (so the bridge says hello again). */
  readonly frameLoaded: ISignal<ICatalogPanel, void>;
}

export const ICatalogPanel = new Token<ICatalogPanel>("rucio-catalog-jupyterlab:ICatalogPanel");

/** The extension's end of the postMessage bridge to the portal. */
export interface ICatalogBridge {
  /** True once the portal answered hello with ready (reset when the frame reloads). */
  readonly connected: boolean;
  readonly portalCapabilities: readonly string[];
  readonly connectionChanged: ISignal<ICatalogBridge, boolean>;
  /** Messages that passed every check (origin, source, schema, handshake). */
  readonly received: ISignal<ICatalogBridge, Message>;
  /** Sends to the portal with its origin as target; false when no portal frame is there. */
  post<T extends MessageType>(type: T, body: Omit<MessageBody<T>, "type">): boolean;
  /**
   * Whether the portal is connected, waiting up to `timeoutMs` while its frame is still loading;
   * false at once when no portal frame is open.
   */
  whenConnected(timeoutMs: number): Promise<boolean>;
}

export const ICatalogBridge = new Token<ICatalogBridge>("rucio-catalog-jupyterlab:ICatalogBridge");

/** Staging requests this session knows about: downloads the server runs, rule progress the portal sends. */
export interface IStagingMonitor {
  readonly items: readonly ProgressItem[];
  readonly changed: ISignal<IStagingMonitor, readonly ProgressItem[]>;
  /** Stages datasets for this session (through the portal when it can record them, else directly). */
  stage(datasets: DatasetRef[]): Promise<void>;
  /** Polls the server soon (after something was started). */
  refresh(): void;
}

export const IStagingMonitor = new Token<IStagingMonitor>("rucio-catalog-jupyterlab:IStagingMonitor");
