import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ShareControl } from "./share-control";

const render = (jupyterLabTemplate: string | null) =>
  renderToStaticMarkup(createElement(ShareControl, { portalPath: "/datasets/data18/DAOD.x", jupyterLabTemplate }));

describe("ShareControl", () => {
  it("offers the portal link and the JupyterLab link built from the template", () => {
    const html = render("https://hub.example/hub/user-redirect/lab");
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain("Copy portal link");
    expect(html).toContain(
      'href="https://hub.example/hub/user-redirect/lab?rucio-catalog=%2Fdatasets%2Fdata18%2FDAOD.x"',
    );
    expect(html).toContain("Copy JupyterLab link");
  });

  it("offers only the portal link when no JupyterLab URL is configured", () => {
    const html = render(null);
    expect(html).toContain("Copy portal link");
    expect(html).not.toContain("JupyterLab");
  });
});
