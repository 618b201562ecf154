import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage, WidgetTracker } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IFrame } from '@jupyterlab/ui-components';
import { catalogIcon } from './icons';
import { choosePortalUrl } from './portalUrl';
import { fetchServerConfig } from './serverConfig';

const PLUGIN_ID = 'rucio-catalog-jupyterlab:panel';
const OPEN_COMMAND = 'rucio-catalog:open';

/**
 * The portal runs scripts, keeps its session (same-origin storage) and submits search forms.
 * Nothing else: no popups, no top-level navigation, no downloads through the frame.
 */
const PORTAL_SANDBOX: IFrame.SandboxExceptions[] = ['allow-scripts', 'allow-same-origin', 'allow-forms'];

function createPortalFrame(url: string): IFrame {
  const frame = new IFrame({ sandbox: PORTAL_SANDBOX, referrerPolicy: 'no-referrer' });
  frame.id = 'rucio-catalog-panel';
  frame.addClass('jp-RucioCatalogPanel');
  frame.title.label = 'Rucio Catalog';
  frame.title.caption = 'Find Rucio datasets and bring them into notebooks';
  frame.title.icon = catalogIcon;
  frame.title.closable = true;
  frame.url = url;
  return frame;
}

async function activate(
  app: JupyterFrontEnd,
  registry: ISettingRegistry,
  palette: ICommandPalette | null,
  launcher: ILauncher | null,
  restorer: ILayoutRestorer | null
): Promise<void> {
  const settings = registry.load(PLUGIN_ID);
  const serverConfig = fetchServerConfig();
  const tracker = new WidgetTracker<IFrame>({ namespace: 'rucio-catalog' });

  const currentPortalUrl = async (): Promise<string | null> => {
    const [loaded, server] = await Promise.all([settings, serverConfig]);
    return choosePortalUrl({
      user: loaded.user.portalUrl,
      server: server?.portalUrl ?? null,
      fallback: loaded.composite.portalUrl
    });
  };

  app.commands.addCommand(OPEN_COMMAND, {
    label: 'Open Rucio Catalog',
    caption: 'Open the Rucio Catalog portal in a panel',
    icon: catalogIcon,
    execute: async () => {
      const open = tracker.currentWidget;
      if (open && !open.isDisposed) {
        app.shell.activateById(open.id);
        return;
      }
      const url = await currentPortalUrl();
      if (url === null) {
        await showErrorMessage(
          'Rucio Catalog',
          'No valid portal URL is configured. Set "Portal URL" (http or https) in Settings > Rucio Catalog.'
        );
        return;
      }
      const frame = createPortalFrame(url);
      await tracker.add(frame);
      app.shell.add(frame, 'main');
      app.shell.activateById(frame.id);
    }
  });

  const loaded = await settings;
  loaded.changed.connect(async () => {
    const frame = tracker.currentWidget;
    const url = await currentPortalUrl();
    if (frame && url !== null && frame.url !== url) {
      frame.url = url;
    }
  });

  palette?.addItem({ command: OPEN_COMMAND, category: 'Rucio' });
  launcher?.add({ command: OPEN_COMMAND, category: 'Other', rank: 10 });
  if (restorer) {
    void restorer.restore(tracker, { command: OPEN_COMMAND, name: () => 'rucio-catalog' });
  }
}

export const panelPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Opens the Rucio Catalog portal in a JupyterLab panel.',
  autoStart: true,
  requires: [ISettingRegistry],
  optional: [ICommandPalette, ILauncher, ILayoutRestorer],
  activate
};
