import type { JupyterFrontEndPlugin } from "@jupyterlab/application";
import { bridgePlugin } from "./bridge-plugin";
import { notebookPlugin } from "./notebook-plugin";
import { panelPlugin } from "./panel";
import { requirementsPlugin } from "./requirements-plugin";
import { settingsPlugin } from "./settings-plugin";
import { stagingPlugin } from "./staging-plugin";
import { statusPlugin } from "./status-plugin";

const plugins: JupyterFrontEndPlugin<unknown>[] = [
  settingsPlugin,
  panelPlugin,
  bridgePlugin,
  notebookPlugin,
  stagingPlugin,
  requirementsPlugin,
  statusPlugin,
];

export default plugins;
