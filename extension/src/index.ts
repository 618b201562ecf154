import type { JupyterFrontEndPlugin } from "@jupyterlab/application";
import { bridgePlugin } from "./bridge-plugin";
import { localDataPlugin } from "./local-data-plugin";
import { notebookPlugin } from "./notebook-plugin";
import { panelPlugin } from "./panel";
import { requirementsPlugin } from "./requirements-plugin";
import { settingsPlugin } from "./settings-plugin";
import { shareLinkPlugin } from "./share-link-plugin";
import { stagingPlugin } from "./staging-plugin";
import { statusPlugin } from "./status-plugin";

const plugins: JupyterFrontEndPlugin<unknown>[] = [
  settingsPlugin,
  panelPlugin,
  bridgePlugin,
  notebookPlugin,
  stagingPlugin,
  requirementsPlugin,
  localDataPlugin,
  statusPlugin,
  shareLinkPlugin,
];

export default plugins;
