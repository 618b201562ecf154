import { ILayoutRestorer, type JupyterFrontEnd, type JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ICommandPalette, IThemeManager, showErrorMessage, WidgetTracker } from "@jupyterlab/apputils";
import { ILauncher } from "@jupyterlab/launcher";
import { ITranslator, type TranslationBundle } from "@jupyterlab/translation";
import { IFrame } from "@jupyterlab/ui-components";
import { Signal, type ISignal } from "@lumino/signaling";
import { catalogIcon } from "./icons";
import { buildPortalUrl } from "./portal-url";
import { portalSignIn } from "./server-api";
import type { CatalogSettings } from "./settings";
import { createSignInNonce } from "./sign-in-nonce";
import { currentTheme } from "./theme";
import { ICatalogPanel, ICatalogSettings } from "./tokens";
import { catalogStrings } from "./translation";

const PLUGIN_ID = "rucio-catalog-jupyterlab:panel";
export const OPEN_COMMAND = "rucio-catalog:open";
export const PANEL_ID = "rucio-catalog-panel";

/**
 * The portal runs scripts, keeps its session (same-origin storage) and submits search forms.
 * Nothing else: no popups, no top-level navigation, no downloads through the frame.
 */
const PORTAL_SANDBOX: IFrame.SandboxExceptions[] = ["allow-scripts", "allow-same-origin", "allow-forms"];

class CatalogPanel implements ICatalogPanel {
  private frame: IFrame | null = null;
  private nonce: string | null = null;
  private opening: Promise<void> = Promise.resolve();
  private readonly _frameLoaded: Signal<ICatalogPanel, void> = new Signal<ICatalogPanel, void>(this);

  constructor(
    private readonly app: JupyterFrontEnd,
    private readonly settings: ICatalogSettings,
    private readonly themeManager: IThemeManager | null,
    private readonly tracker: WidgetTracker<IFrame>,
    private readonly trans: TranslationBundle,
  ) {
    settings.changed.connect((_, next) => this.applySettings(next));
  }

  get frameLoaded(): ISignal<ICatalogPanel, void> {
    return this._frameLoaded;
  }

  signInNonce(): string | null {
    return this.nonce;
  }

  frameWindow(): Window | null {
    return this.frame?.node.querySelector("iframe")?.contentWindow ?? null;
  }

  /** One open at a time: the layout restorer and a shared link may both open the panel at start-up. */
  open(path?: string): Promise<void> {
    const next = this.opening.then(() => this.openNow(path));
    this.opening = next.catch(() => undefined);
    return next;
  }

  private async openNow(path?: string): Promise<void> {
    const portalUrl = this.settings.current.portalUrl;
    if (portalUrl === null) {
      await showErrorMessage(
        this.trans.__("Rucio Catalog"),
        this.trans.__(
          'No valid portal URL is configured. Set "Portal URL" (http or https) in Settings > Rucio Catalog.',
        ),
      );
      return;
    }
    const url = buildPortalUrl(portalUrl, currentTheme(this.themeManager), path);
    if (!this.frame || this.frame.isDisposed) {
      this.frame = this.createFrame(await this.signedIn(url));
      await this.tracker.add(this.frame);
      this.app.shell.add(this.frame, this.settings.current.panelArea, { rank: 900 });
    } else {
      if (path !== undefined) {
        this.frame.url = url;
      }
      this.placeInConfiguredArea();
    }
    this.app.shell.activateById(this.frame.id);
  }

  /** Moves the panel to the configured area; the layout restorer puts it back where it was last time. */
  placeInConfiguredArea(): void {
    const frame = this.frame;
    if (!frame || frame.isDisposed) {
      return;
    }
    const area = this.settings.current.panelArea;
    const inRightArea = Array.from(this.app.shell.widgets("right")).includes(frame);
    if (inRightArea !== (area === "right")) {
      this.app.shell.add(frame, area, { rank: 900 });
      this.app.shell.activateById(frame.id);
    }
  }

  private createFrame(url: string): IFrame {
    const frame = new IFrame({ sandbox: PORTAL_SANDBOX, referrerPolicy: "no-referrer" });
    frame.id = PANEL_ID;
    frame.addClass("jp-RucioCatalogPanel");
    frame.title.label = this.trans.__("Rucio Catalog");
    frame.title.caption = this.trans.__("Find Rucio datasets and bring them into notebooks");
    frame.title.icon = catalogIcon;
    frame.title.closable = true;
    const iframe = frame.node.querySelector("iframe");
    iframe?.setAttribute("title", this.trans.__("Rucio Catalog portal"));
    iframe?.addEventListener("load", () => this._frameLoaded.emit());
    frame.url = url;
    frame.disposed.connect(() => {
      if (this.frame === frame) {
        this.frame = null;
      }
    });
    return frame;
  }

  private applySettings(next: CatalogSettings): void {
    const frame = this.frame;
    if (!frame || frame.isDisposed) {
      return;
    }
    if (next.portalUrl !== null && new URL(frame.url).origin !== new URL(next.portalUrl).origin) {
      void this.signedIn(buildPortalUrl(next.portalUrl, currentTheme(this.themeManager))).then(
        (url) => (frame.url = url),
      );
    }
    this.placeInConfiguredArea();
  }

  /**
   * When the Jupyter server can sign the user in to the portal (embed sign-in), the URL that does so and
   * then shows `url`; otherwise, or when that fails, `url` itself (the portal then offers its own sign-in).
   * The sign-in is bound to a fresh nonce that stays here; the bridge hands it to the panel's frame alone.
   */
  private async signedIn(url: string): Promise<string> {
    if (!this.settings.current.embedSignIn) {
      return url;
    }
    const target = new URL(url);
    try {
      const { nonce, hash } = await createSignInNonce();
      const signInUrl = (await portalSignIn(target.href, `${target.pathname}${target.search}`, hash)).url;
      this.nonce = nonce;
      return signInUrl;
    } catch (error) {
      console.warn("Rucio Catalog: the Jupyter server could not sign you in to the portal; it opens signed out", error);
      return url;
    }
  }
}

function activate(
  app: JupyterFrontEnd,
  settings: ICatalogSettings,
  palette: ICommandPalette | null,
  launcher: ILauncher | null,
  restorer: ILayoutRestorer | null,
  themeManager: IThemeManager | null,
  translator: ITranslator | null,
): ICatalogPanel {
  const trans = catalogStrings(translator);
  const tracker = new WidgetTracker<IFrame>({ namespace: "rucio-catalog" });
  const panel = new CatalogPanel(app, settings, themeManager, tracker, trans);

  app.commands.addCommand(OPEN_COMMAND, {
    label: trans.__("Open Rucio Catalog"),
    caption: trans.__("Open the Rucio Catalog portal in a panel"),
    icon: catalogIcon,
    execute: () => panel.open(),
  });
  palette?.addItem({ command: OPEN_COMMAND, category: trans.__("Rucio") });
  // No category: the launcher files the card under its own "Other", in the user's language.
  launcher?.add({ command: OPEN_COMMAND, rank: 10 });
  if (restorer) {
    void restorer.restore(tracker, { command: OPEN_COMMAND, name: () => "rucio-catalog" });
  }
  void app.restored.then(() => panel.placeInConfiguredArea());
  return panel;
}

export const panelPlugin: JupyterFrontEndPlugin<ICatalogPanel> = {
  id: PLUGIN_ID,
  description: "Opens the Rucio Catalog portal in a JupyterLab panel.",
  autoStart: true,
  requires: [ICatalogSettings],
  optional: [ICommandPalette, ILauncher, ILayoutRestorer, IThemeManager, ITranslator],
  provides: ICatalogPanel,
  activate,
};
