import { describe, expect, it } from "vitest";
import { localPathOf, mountFor, pfnPath } from "./mount-mapping";

describe("PFN to local path", () => {
  const pfn = "file://localhost:0/srv/rucio/rses/swan/data18_13TeV/8a/3f/DAOD_PHYS.123._000001.pool.root.1";

  it("reads the path of URLs and bare paths", () => {
    expect(pfnPath(pfn)).toBe("/srv/rucio/rses/swan/data18_13TeV/8a/3f/DAOD_PHYS.123._000001.pool.root.1");
    expect(pfnPath("root://eospublic.cern.ch:1094//eos/opendata/atlas/f.root")).toBe("//eos/opendata/atlas/f.root");
    expect(pfnPath("/eos/user/j/jdoe/f")).toBe("/eos/user/j/jdoe/f");
    expect(pfnPath("not a pfn")).toBeUndefined();
  });

  it("strips the RSE protocol prefix when no path_begins_at is configured", () => {
    const mount = { rse: "SWAN-MOUNT", path: "/eos/rucio/" };
    expect(localPathOf(pfn, mount, "/srv/rucio/rses/swan/")).toBe(
      "/eos/rucio/data18_13TeV/8a/3f/DAOD_PHYS.123._000001.pool.root.1",
    );
    expect(localPathOf(pfn, mount, "/elsewhere/")).toBeUndefined();
    expect(localPathOf(pfn, mount)).toBeUndefined();
  });

  it("drops path_begins_at leading components (SWAN's convention), double slashes included", () => {
    const mount = { rse: "CERN-EOS", path: "/eos", pathBeginsAt: 1 };
    expect(localPathOf("root://eospublic.cern.ch:1094//eos/opendata/atlas/f.root", mount)).toBe(
      "/eos/opendata/atlas/f.root",
    );
    expect(localPathOf(pfn, { rse: "SWAN-MOUNT", path: "/mnt/swan", pathBeginsAt: 4 })).toBe(
      "/mnt/swan/data18_13TeV/8a/3f/DAOD_PHYS.123._000001.pool.root.1",
    );
    expect(localPathOf(pfn, { rse: "SWAN-MOUNT", path: "/mnt/swan", pathBeginsAt: 9 })).toBeUndefined();
  });

  it("never climbs out of the mount folder", () => {
    expect(localPathOf("file://h/srv/x/../../etc/passwd", { rse: "R", path: "/mnt", pathBeginsAt: 1 })).toBeUndefined();
  });

  it("finds the mapping of an RSE", () => {
    const mounts = [
      { rse: "A", path: "/a" },
      { rse: "B", path: "/b" },
    ];
    expect(mountFor("B", mounts)?.path).toBe("/b");
    expect(mountFor("C", mounts)).toBeUndefined();
  });
});
