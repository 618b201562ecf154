import "server-only";
import { env } from "./env";

/** The JupyterLab URL "Open in JupyterLab" links start from, or null when they are not offered. */
export function jupyterLabLinkTemplate(): string | null {
  return env.PORTAL_JUPYTERLAB_LINK || null;
}
