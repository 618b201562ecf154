import type { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { bridgePlugin } from './bridgePlugin';
import { notebookPlugin } from './notebookPlugin';
import { panelPlugin } from './panel';
import { requirementsPlugin } from './requirementsPlugin';
import { settingsPlugin } from './settingsPlugin';
import { stagingPlugin } from './stagingPlugin';
import { statusPlugin } from './statusPlugin';

const plugins: JupyterFrontEndPlugin<unknown>[] = [
  settingsPlugin,
  panelPlugin,
  bridgePlugin,
  notebookPlugin,
  stagingPlugin,
  requirementsPlugin,
  statusPlugin
];

export default plugins;
