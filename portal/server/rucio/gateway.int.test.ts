import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import * as rucio from "./index";
import { rucioCli, uniqueSuffix, UPLOAD_RSE, uploadDataset, type UploadedFile } from "../../../testing/local-rucio";
import { all } from "../../../testing/async-iterable";

// Against the local Rucio 41 with its demo data (rucio/up.sh), at RUCIO_URL (default http://127.0.0.1:8080).
const instance = rucio.defaultInstanceName();
const root = () => rucio.serviceCaller(instance);
const jdoe = () => rucio.userpassCaller(instance, { username: "jdoe", password: "jdoe-secret" });
const DATASET = { scope: "data18_13TeV", name: "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910" };
const CONTAINER = {
  scope: "data18_13TeV",
  name: "data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp18_v01_p4910",
};

describe("identity", () => {
  it("whoami names the account behind each identity", async () => {
    expect((await rucio.whoami(root())).account).toBe("root");
    const me = await rucio.whoami(jdoe());
    expect(me).toMatchObject({ account: "jdoe", account_type: "USER", status: "ACTIVE" });
    expect(me.created_at).toBeInstanceOf(Date);
    expect(await rucio.getAccount(root(), "alice")).toMatchObject({ account: "alice" });
  });

  it("authenticateUserpass returns a token that works as a caller token", async () => {
    const token = await rucio.authenticateUserpass(instance, { username: "alice", password: "alice-secret" });
    expect(token.account).toBe("alice");
    expect(token.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect((await rucio.whoami(rucio.tokenCaller(instance, token.token))).account).toBe("alice");
  });

  it("a wrong password is a typed 401", async () => {
    const caller = rucio.userpassCaller(instance, { username: "jdoe", password: "not-the-password" });
    const error = await rucio.whoami(caller).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(rucio.RucioAuthenticationError);
    expect(error).toMatchObject({ status: 401, exceptionClass: "CannotAuthenticate", instance });
  });

  it("a token Rucio does not know is a typed 401", async () => {
    await expect(rucio.whoami(rucio.tokenCaller(instance, "root-root-unknown-0000"))).rejects.toMatchObject({
      kind: "authentication",
      status: 401,
    });
  });
});

describe("DIDs", () => {
  it("lists the demo scopes", async () => {
    expect(await rucio.listScopes(root())).toEqual(
      expect.arrayContaining(["data18_13TeV", "mc20_13TeV", "user.jdoe", "cms_run2"]),
    );
  });

  it("searches with metadata filters and operators", async () => {
    const found = await all(
      rucio.searchDids(jdoe(), "data18_13TeV", {
        type: "dataset",
        filters: [{ "run_number.gte": 350000, datatype: "DAOD_PHYS" }],
      }),
    );
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const did of found) {
      expect(did.did_type).toBe("DATASET");
      expect(did.name).toContain(".DAOD_PHYS.");
      expect(Number(did.name.split(".")[1])).toBeGreaterThanOrEqual(350000);
    }
    const names = await all(
      rucio.searchDidNames(jdoe(), "data18_13TeV", { type: "container", filters: [{ name: "*PhysCont*" }] }),
    );
    expect(names).toContain(CONTAINER.name);
    expect(await all(rucio.searchDids(jdoe(), "data18_13TeV", { filters: [{ "run_number.lt": 0 }] }))).toEqual([]);
    expect(await all(rucio.searchDids(jdoe(), "data18_13TeV", { type: "dataset", limit: 3 }))).toHaveLength(3);
  });

  it("reads a dataset, its metadata, files, contents and parents consistently", async () => {
    const did = await rucio.getDid(jdoe(), DATASET.scope, DATASET.name);
    const files = await all(rucio.listFiles(jdoe(), DATASET.scope, DATASET.name));
    expect(did.type).toBe("DATASET");
    expect(did.length).toBe(files.length);
    expect(did.bytes).toBe(files.reduce((sum, file) => sum + (file.bytes ?? 0), 0));
    expect(files[0]).toHaveProperty("lumiblocknr");

    const meta = await rucio.getDidMeta(jdoe(), DATASET.scope, DATASET.name);
    expect(meta).toMatchObject({
      run_number: 348885,
      datatype: "DAOD_PHYS",
      project: "data18_13TeV",
      stream_name: "physics_Main",
    });
    expect(meta.created_at).toBeInstanceOf(Date);

    const contents = await all(rucio.listContents(jdoe(), DATASET.scope, DATASET.name));
    expect(contents.map((child) => child.name).sort()).toEqual(files.map((file) => file.name).sort());
    expect(contents.every((child) => child.type === "FILE")).toBe(true);

    const [firstFile] = files;
    const parents = await all(rucio.listParents(jdoe(), DATASET.scope, firstFile!.name));
    expect(parents).toContainEqual({ ...DATASET, type: "DATASET" });
    const containerFiles = await all(rucio.listFiles(jdoe(), CONTAINER.scope, CONTAINER.name, { long: false }));
    expect(containerFiles.map((file) => file.name)).toEqual(expect.arrayContaining(files.map((file) => file.name)));
  });

  it("reaches DIDs whose names contain slashes, even a leading one (CMS-style)", async () => {
    const names = [`user.jdoe/gateway/${uniqueSuffix()}`, `/store/user/jdoe/gateway.${uniqueSuffix()}`];
    for (const name of names) {
      await rucioCli("jdoe", ["did", "add", "--type", "dataset", `user.jdoe:${name}`]);
      expect(await rucio.getDid(jdoe(), "user.jdoe", name)).toMatchObject({
        scope: "user.jdoe",
        name,
        type: "DATASET",
      });
      expect((await rucio.getDidMeta(jdoe(), "user.jdoe", name)).name).toBe(name);
      expect(await all(rucio.listContents(jdoe(), "user.jdoe", name))).toEqual([]);
    }
  });

  it("reads metadata in bulk, skipping DIDs that do not exist", async () => {
    const metas = await all(
      rucio.getDidsMetaBulk(root(), [DATASET, CONTAINER, { scope: "data18_13TeV", name: "no.such.dataset" }]),
    );
    expect(metas.map((meta) => meta.name).sort()).toEqual([CONTAINER.name, DATASET.name].sort());
  });

  it("a missing DID is a typed not-found", async () => {
    const error = await rucio.getDid(jdoe(), "data18_13TeV", "no.such.dataset").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(rucio.RucioNotFoundError);
    expect(error).toMatchObject({ status: 404, exceptionClass: "DataIdentifierNotFound", instance });
    await expect(all(rucio.listFiles(jdoe(), "data18_13TeV", "no.such.dataset"))).rejects.toBeInstanceOf(
      rucio.RucioNotFoundError,
    );
  });
});

describe("replicas, RSEs, accounts", () => {
  it("lists the replicas of a dataset's files on REMOTE-POSIX", async () => {
    const replicas = await all(rucio.listReplicas(jdoe(), [DATASET], { schemes: ["file"], allStates: true }));
    expect(replicas).toHaveLength(5);
    for (const replica of replicas) {
      expect(replica.states["REMOTE-POSIX"]).toBe("AVAILABLE");
      const [pfn] = replica.rses["REMOTE-POSIX"] ?? [];
      expect(pfn).toMatch(/^file:\/\//);
      expect(replica.pfns[pfn!]).toMatchObject({ rse: "REMOTE-POSIX", type: "DISK" });
    }
    expect(await all(rucio.listReplicas(jdoe(), [DATASET], { rseExpression: "SWAN-MOUNT" }))).toEqual([]);
  });

  it("lists and describes RSEs", async () => {
    const rses = await rucio.listRses(jdoe());
    expect(rses.map((rse) => rse.rse)).toEqual(expect.arrayContaining(["REMOTE-POSIX", "SWAN-MOUNT"]));
    expect(await rucio.resolveRseExpression(jdoe(), "SWAN-MOUNT|REMOTE-POSIX")).toEqual(
      expect.arrayContaining(["SWAN-MOUNT", "REMOTE-POSIX"]),
    );
    await expect(rucio.resolveRseExpression(jdoe(), "NO-SUCH-RSE")).rejects.toBeInstanceOf(rucio.RucioConflictError);
    expect(await rucio.getRse(jdoe(), "SWAN-MOUNT")).toMatchObject({
      rse: "SWAN-MOUNT",
      rse_type: "DISK",
      deterministic: true,
    });
    expect(await rucio.getRseAttributes(jdoe(), "SWAN-MOUNT")).toMatchObject({ "SWAN-MOUNT": true });
    const [protocol] = await rucio.listRseProtocols(jdoe(), "SWAN-MOUNT");
    expect(protocol).toMatchObject({ scheme: "file", impl: "rucio.rse.protocols.posix.Default" });
    await expect(rucio.getRse(jdoe(), "NO-SUCH-RSE")).rejects.toMatchObject({
      kind: "not_found",
      exceptionClass: "RSENotFound",
    });
  });

  it("reads unlimited quotas as Infinity", async () => {
    expect(await rucio.getAccountLimits(root(), "root")).toMatchObject({
      "SWAN-MOUNT": Infinity,
      "REMOTE-POSIX": Infinity,
    });
  });

  it("reads account limits and usage", async () => {
    const limits = await rucio.getAccountLimits(jdoe(), "jdoe");
    expect(limits["SWAN-MOUNT"]).toBeGreaterThan(0);
    const usage = await rucio.listAccountUsage(jdoe(), "jdoe");
    const swan = usage.find((entry) => entry.rse === "SWAN-MOUNT");
    expect(swan?.bytes_limit).toBe(limits["SWAN-MOUNT"]);
    expect(swan!.bytes_remaining).toBe(swan!.bytes_limit - swan!.bytes);
  });
});

describe("a file uploaded with the real rucio client", () => {
  const dataset = `user.jdoe.gateway.${uniqueSuffix()}`;
  let files: UploadedFile[];

  beforeAll(async () => {
    files = await uploadDataset("jdoe", "user.jdoe", dataset, 1);
  });

  it("is found through the gateway with its size, checksum, replica and rule", async () => {
    const [file] = files;
    const found = await all(rucio.searchDids(jdoe(), "user.jdoe", { type: "file", filters: [{ name: file!.name }] }));
    expect(found).toEqual([
      { scope: "user.jdoe", name: file!.name, did_type: "FILE", bytes: file!.bytes, length: null },
    ]);
    expect(await rucio.getDid(jdoe(), "user.jdoe", file!.name)).toMatchObject({
      type: "FILE",
      account: "jdoe",
      md5: file!.md5,
      bytes: file!.bytes,
    });
    expect((await rucio.getDid(jdoe(), "user.jdoe", dataset)).length).toBe(1);

    const [replica] = await all(
      rucio.listReplicas(jdoe(), [{ scope: "user.jdoe", name: file!.name }], { schemes: ["file"] }),
    );
    const pfn = replica!.rses[UPLOAD_RSE]![0]!;
    expect(await readFile(new URL(pfn).pathname)).toEqual(file!.content);
    // With a dataset named, the client places its rule on the dataset.
    const rules = await all(rucio.listDidRules(jdoe(), "user.jdoe", dataset));
    expect(rules).toContainEqual(expect.objectContaining({ account: "jdoe", rse_expression: UPLOAD_RSE, state: "OK" }));
  });
});
