import { parseSharePath, SHARE_LINK_PARAM } from "@rucio-catalog/protocol";
import { describe, expect, it } from "vitest";
import { datasetHref } from "@/app/_components/dataset-links";
import { searchHref } from "@/app/search/search-state";
import { jupyterLabLink } from "./share-links";

const HUB = "https://hub.example/hub/user-redirect/lab";

describe("jupyterLabLink", () => {
  it("puts a dataset page's path into the configured JupyterLab URL", () => {
    const path = datasetHref({ instance: "cms", scope: "cms", name: "/ZMM/Run2018A/NANOAOD" }, "default");
    const link = jupyterLabLink(HUB, path);
    expect(link).toBe(`${HUB}?rucio-catalog=%2Fdatasets%2Fcms%2F%252FZMM%252FRun2018A%252FNANOAOD%3Finstance%3Dcms`);
    const url = new URL(link ?? "");
    expect(url.origin + url.pathname).toBe(HUB);
    expect(parseSharePath(url.searchParams.get(SHARE_LINK_PARAM) ?? "")).toEqual({
      ok: true,
      target: { kind: "dataset", scope: "cms", name: "/ZMM/Run2018A/NANOAOD", instance: "cms" },
    });
  });

  it("names a search by its query and sort, never its cursor", () => {
    const path = searchHref({ q: "DAOD_PHYS run:348885", sort: "newest", cursor: null });
    const link = jupyterLabLink("http://127.0.0.1:8888/lab", path);
    expect(new URL(link ?? "").searchParams.get(SHARE_LINK_PARAM)).toBe("/search?q=DAOD_PHYS+run%3A348885&sort=newest");
    expect(jupyterLabLink("http://127.0.0.1:8888/lab", "/search?q=a&cursor=xyz")).toBeNull();
  });

  it("keeps what the template already has in its query", () => {
    const link = jupyterLabLink("http://127.0.0.1:8888/lab?reset", "/search?q=a");
    expect(new URL(link ?? "").searchParams.has("reset")).toBe(true);
  });

  it("offers no link without a template or for other pages", () => {
    expect(jupyterLabLink(null, "/search?q=a")).toBeNull();
    expect(jupyterLabLink("", "/search?q=a")).toBeNull();
    expect(jupyterLabLink(HUB, "/stagings")).toBeNull();
    expect(jupyterLabLink("not a url", "/search?q=a")).toBeNull();
  });
});
