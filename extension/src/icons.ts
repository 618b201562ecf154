import { LabIcon } from "@jupyterlab/ui-components";

const catalogSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M4 4h11a1 1 0 0 1 1 1v4h-2V6H5v12h5v2H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z"/>
    <path d="M7 8h6v1.5H7zM7 11h4v1.5H7z"/>
    <path d="M16.5 11a4.5 4.5 0 0 1 3.7 7.06l2.37 2.38-1.06 1.06-2.38-2.37A4.5 4.5 0 1 1 16.5 11zm0 1.5a3 3 0 1 0 0 6 3 3 0 0 0 0-6z"/>
  </g>
</svg>`;

/** Named so the settings schema can refer to it ("jupyter.lab.setting-icon"). */
export const catalogIcon = new LabIcon({ name: "rucio-catalog-jupyterlab:catalog", svgstr: catalogSvg });
