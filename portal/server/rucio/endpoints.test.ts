import { describe, expect, it } from "vitest";
import { jsonResponse, rucioError, streamResponse } from "./test-support";
import { useStubRucio } from "./stub-rucio-suite";
import { recordedDidAnswer } from "./recorded-did.fixture";
import { all } from "../../../testing/async-iterable";

// Answers recorded from the local Rucio 41 server (names shortened where noted).
const DATASET = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";
const recorded = {
  did: recordedDidAnswer(DATASET, "DATASET"),
  search: [
    {
      scope: "data18_13TeV",
      name: "data18_13TeV.00349011.physics_Main.deriv.DAOD_PHYS.r13286_p4910",
      did_type: "DATASET",
      bytes: 136593,
      length: 5,
    },
  ],
  meta: {
    name: DATASET,
    scope: "data18_13TeV",
    run_number: 348885,
    datatype: "DAOD_PHYS",
    events: 150000,
    created_at: "Tue, 24 Nov 2026 21:11:24 UTC",
    is_open: false,
  },
  file: {
    scope: "data18_13TeV",
    name: `${DATASET}._000001.pool.root.1`,
    bytes: 18763,
    adler32: "396fc1ca",
    guid: "ADF64C901E369505E262EEF62A305E9B",
    events: 30000,
    lumiblocknr: null,
  },
  rule: {
    did_type: "DATASET",
    locks_ok_cnt: 0,
    state: "OK",
    locks_replicating_cnt: 0,
    error: null,
    locks_stuck_cnt: 0,
    rse_expression: "REMOTE-POSIX",
    priority: 3,
    created_at: "Tue, 24 Nov 2026 21:11:24 UTC",
    id: "74261b939abd4546adc19f9fd2a26537",
    copies: 1,
    account: "root",
    expires_at: null,
    grouping: "DATASET",
    scope: "data18_13TeV",
    name: DATASET,
    notification: "NO",
  },
  account: {
    status: "ACTIVE",
    suspended_at: null,
    created_at: "2026-11-24T21:11:23",
    email: "jdoe@rucio-catalog.local",
    account_type: "USER",
    account: "jdoe",
    deleted_at: null,
    updated_at: "2026-11-24T21:11:23",
  },
  usage:
    '{"rse_id": "c0abf5b3f9634b35bfdf8dc615587cff", "rse": "SWAN-MOUNT", "bytes": 0, "files": 0, "bytes_limit": Infinity, "bytes_remaining": Infinity}\n',
};

const stub = useStubRucio();
const caller = () => stub.gateway.serviceCaller("stub");

const only = () => {
  const requests = stub.apiRequests();
  expect(requests).toHaveLength(1);
  return requests[0]!;
};
describe("DIDs", () => {
  it("getDid asks for dynamically counted sizes and encodes names", async () => {
    stub.answer(() => jsonResponse(recorded.did));
    const did = await stub.gateway.getDid(caller(), "user.jdoe", "dir/sub dir/file+1.root");
    expect(did).toMatchObject({ type: "DATASET", bytes: 79772, length: 5 });
    const request = only();
    expect(request.path).toBe("/dids/user.jdoe/dir%2Fsub%20dir%2Ffile%2B1.root");
    expect(request.query.get("dynamic_depth")).toBe("FILE");
    expect(request.headers.accept).toBe("application/json");
  });

  it("searchDids sends filters as a Python literal and streams the summaries", async () => {
    stub.answer(() => streamResponse(recorded.search));
    const found = await all(
      stub.gateway.searchDids(caller(), "data18_13TeV", {
        type: "dataset",
        limit: 10,
        filters: [
          {
            "run_number.gte": 349000,
            datatype: "DAOD_PHYS",
            is_open: false,
            "created_at.gte": new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
          },
          { name: "data18*", "events.ne": null },
        ],
      }),
    );
    expect(found).toEqual(recorded.search);
    const { query, headers } = only();
    expect(headers.accept).toBe("application/x-json-stream");
    expect(Object.fromEntries(query)).toEqual({
      type: "dataset",
      long: "true",
      limit: "10",
      filters:
        '[{"run_number.gte": 349000, "datatype": "DAOD_PHYS", "is_open": False, "created_at.gte": "Tue, 02 Jan 2024 03:04:05 UTC"}, ' +
        '{"name": "data18*", "events.ne": None}]',
    });
  });

  it("searchDidNames asks for short output and yields names", async () => {
    stub.answer(() => streamResponse([DATASET]));
    expect(await all(stub.gateway.searchDidNames(caller(), "data18_13TeV"))).toEqual([DATASET]);
    expect(Object.fromEntries(only().query)).toEqual({ type: "collection", long: "false", filters: "[{}]" });
  });

  it("getDidMeta names the plugin and turns Rucio dates into Date", async () => {
    stub.answer(() => jsonResponse(recorded.meta));
    const meta = await stub.gateway.getDidMeta(caller(), "data18_13TeV", DATASET, "ALL");
    expect(meta.run_number).toBe(348885);
    expect(meta.created_at).toEqual(new Date("2026-11-24T21:11:24Z"));
    expect(only().query.get("plugin")).toBe("ALL");
  });

  it("getDidsMetaBulk posts the DIDs and streams what exists", async () => {
    stub.answer(() => streamResponse([recorded.meta]));
    const metas = await all(
      stub.gateway.getDidsMetaBulk(caller(), [
        { scope: "data18_13TeV", name: DATASET },
        { scope: "data18_13TeV", name: "nope" },
      ]),
    );
    expect(metas.map((meta) => meta.name)).toEqual([DATASET]);
    const request = only();
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/dids/bulkmeta");
    expect(JSON.parse(request.body)).toEqual({
      dids: [
        { scope: "data18_13TeV", name: DATASET },
        { scope: "data18_13TeV", name: "nope" },
      ],
      plugin: "DID_COLUMN",
      inherit: false,
    });
  });

  it("listFiles sends `long` only when wanted (Rucio checks its presence)", async () => {
    stub.answer(() => streamResponse([recorded.file]));
    expect(await all(stub.gateway.listFiles(caller(), "data18_13TeV", DATASET))).toEqual([recorded.file]);
    expect(only().query.get("long")).toBe("true");
    stub.answer(() => streamResponse([]));
    expect(await all(stub.gateway.listFiles(caller(), "data18_13TeV", DATASET, { long: false }))).toEqual([]);
    expect(only().query.has("long")).toBe(false);
  });

  it("listContents, listParents and listScopes hit their routes", async () => {
    stub.answer((request) =>
      request.path === "/scopes/" ? jsonResponse(["data18_13TeV", "user.jdoe"]) : streamResponse([]),
    );
    await all(stub.gateway.listContents(caller(), "data18_13TeV", DATASET));
    await all(stub.gateway.listParents(caller(), "data18_13TeV", recorded.file.name));
    expect(await stub.gateway.listScopes(caller())).toEqual(["data18_13TeV", "user.jdoe"]);
    expect(stub.apiRequests().map((request) => request.path)).toEqual([
      `/dids/data18_13TeV/${DATASET}/dids`,
      `/dids/data18_13TeV/${recorded.file.name}/parents`,
      "/scopes/",
    ]);
  });

  it("reports a missing DID as RucioNotFoundError", async () => {
    stub.answer(() => rucioError(404, "DataIdentifierNotFound", "Data identifier 'data18_13TeV:nope' not found"));
    await expect(stub.gateway.getDid(caller(), "data18_13TeV", "nope")).rejects.toMatchObject({
      kind: "not_found",
      exceptionClass: "DataIdentifierNotFound",
      instance: "stub",
    });
  });
});

describe("replicas and rules", () => {
  it("listReplicas posts DIDs and options", async () => {
    stub.answer(() => streamResponse([]));
    await all(
      stub.gateway.listReplicas(caller(), [{ scope: "s", name: "n" }], {
        schemes: ["file"],
        rseExpression: "SWAN-MOUNT",
        allStates: true,
      }),
    );
    const request = only();
    expect([request.method, request.path]).toEqual(["POST", "/replicas/list"]);
    expect(JSON.parse(request.body)).toEqual({
      dids: [{ scope: "s", name: "n" }],
      schemes: ["file"],
      rse_expression: "SWAN-MOUNT",
      all_states: true,
      resolve_parents: false,
    });
  });

  it("addRule charges the caller's account and returns the rule ids", async () => {
    stub.answer(() => ({ status: 201, body: '["5e6a3b1c9d0f4e2a8b7c6d5e4f3a2b1c"]' }));
    const ids = await stub.gateway.addRule(caller(), {
      dids: [{ scope: "s", name: "n" }],
      rseExpression: "SWAN-MOUNT",
      lifetime: 86400,
    });
    expect(ids).toEqual(["5e6a3b1c9d0f4e2a8b7c6d5e4f3a2b1c"]);
    expect(JSON.parse(only().body)).toEqual({
      dids: [{ scope: "s", name: "n" }],
      account: "svc",
      copies: 1,
      rse_expression: "SWAN-MOUNT",
      lifetime: 86400,
    });
  });

  it("addRule asks whoami for the account of a token caller", async () => {
    stub.answer((request) =>
      request.path === "/accounts/whoami"
        ? { status: 303, headers: { Location: "jdoe" } }
        : request.path === "/accounts/jdoe"
          ? jsonResponse(recorded.account)
          : { status: 201, body: '["r"]' },
    );
    await stub.gateway.addRule(stub.gateway.tokenCaller("stub", "t"), {
      dids: [{ scope: "s", name: "n" }],
      rseExpression: "SWAN-MOUNT",
    });
    const [, , create] = stub.apiRequests();
    expect(JSON.parse(create!.body).account).toBe("jdoe");
  });

  it("getRule, listRuleLocks, listDidRules parse rules with dates", async () => {
    stub.answer((request) =>
      request.path.endsWith("/locks")
        ? streamResponse([])
        : request.path.endsWith("/rules")
          ? streamResponse([recorded.rule])
          : jsonResponse(recorded.rule),
    );
    const rule = await stub.gateway.getRule(caller(), recorded.rule.id);
    expect(rule.state).toBe("OK");
    expect(rule.created_at).toEqual(new Date("2026-11-24T21:11:24Z"));
    expect(await all(stub.gateway.listRuleLocks(caller(), rule.id))).toEqual([]);
    expect((await all(stub.gateway.listDidRules(caller(), "data18_13TeV", DATASET)))[0]?.id).toBe(rule.id);
    expect(stub.apiRequests().map((request) => request.path)).toEqual([
      `/rules/${rule.id}`,
      `/rules/${rule.id}/locks`,
      `/dids/data18_13TeV/${DATASET}/rules`,
    ]);
  });

  it("deleteRule sends the JSON body Rucio requires", async () => {
    stub.answer(() => ({ status: 200, body: "" }));
    await stub.gateway.deleteRule(caller(), "abc");
    expect([only().method, only().body]).toEqual(["DELETE", "{}"]);
    await stub.gateway.deleteRule(caller(), "abc", { purgeReplicas: true });
    expect(JSON.parse(stub.apiRequests()[1]!.body)).toEqual({ purge_replicas: true });
  });

  it("setRuleLifetime puts the new lifetime, is retried after a dropped connection, and names Rucio's refusal", async () => {
    let answered = 0;
    stub.answer(() => (answered++ === 0 ? { destroy: true } : { status: 200, body: "" }));
    await stub.gateway.setRuleLifetime(caller(), "abc", 86400);
    expect(stub.apiRequests().map((request) => [request.method, request.path, JSON.parse(request.body)])).toEqual([
      ["PUT", "/rules/abc", { options: { lifetime: 86400 } }],
      ["PUT", "/rules/abc", { options: { lifetime: 86400 } }],
    ]);
    // Recorded: jdoe updating his own rule under the generic policy.
    stub.answer(() => rucioError(401, "AccessDenied", "Account jdoe can not update this replication rule. "));
    await expect(stub.gateway.setRuleLifetime(caller(), "abc", 86400)).rejects.toBeInstanceOf(
      stub.gateway.RucioAccessDeniedError,
    );
  });
});

describe("accounts and RSEs", () => {
  it("whoami follows Rucio's redirect and reads its zone-less dates as UTC", async () => {
    stub.answer((request) =>
      request.path === "/accounts/whoami"
        ? { status: 303, headers: { Location: "jdoe" } }
        : jsonResponse(recorded.account),
    );
    const me = await stub.gateway.whoami(caller());
    expect(me).toMatchObject({
      account: "jdoe",
      account_type: "USER",
      email: "jdoe@rucio-catalog.local",
      suspended_at: null,
    });
    expect(me.created_at?.toISOString()).toBe("2026-11-24T21:11:23.000Z");
    expect(stub.apiRequests().map((request) => request.path)).toEqual(["/accounts/whoami", "/accounts/jdoe"]);
  });

  it("reads unlimited quotas (Python's Infinity) in limits and usage", async () => {
    stub.answer((request) =>
      request.path.endsWith("/limits")
        ? {
            headers: { "Content-Type": "application/json" },
            body: '{"SWAN-MOUNT": Infinity, "REMOTE-POSIX": 10737418240}',
          }
        : { headers: { "Content-Type": "application/x-json-stream" }, body: recorded.usage },
    );
    expect(await stub.gateway.getAccountLimits(caller(), "root")).toEqual({
      "SWAN-MOUNT": Infinity,
      "REMOTE-POSIX": 10737418240,
    });
    const [usage] = await stub.gateway.listAccountUsage(caller(), "root");
    expect(usage).toMatchObject({ rse: "SWAN-MOUNT", bytes_limit: Infinity, bytes_remaining: Infinity });
    expect(stub.apiRequests().map((request) => request.path)).toEqual([
      "/accounts/root/limits",
      "/accounts/root/usage/local",
    ]);
  });

  it("resolveRseExpression returns names; an empty match is a conflict", async () => {
    stub.answer(() => streamResponse([{ rse: "SWAN-MOUNT" }]));
    expect(await stub.gateway.resolveRseExpression(caller(), "SWAN-MOUNT|NOPE")).toEqual(["SWAN-MOUNT"]);
    expect(only().query.get("expression")).toBe("SWAN-MOUNT|NOPE");
    stub.answer(() => rucioError(400, "InvalidRSEExpression", "RSE Expression resulted in an empty set."));
    await expect(stub.gateway.resolveRseExpression(caller(), "NOPE")).rejects.toBeInstanceOf(
      stub.gateway.RucioConflictError,
    );
  });

  it("RSE details, attributes and protocols hit their routes", async () => {
    stub.answer((request) => jsonResponse(request.path.endsWith("/protocols") ? [] : { rse: "SWAN-MOUNT" }));
    await stub.gateway.getRse(caller(), "SWAN-MOUNT");
    await stub.gateway.getRseAttributes(caller(), "SWAN-MOUNT");
    await stub.gateway.listRseProtocols(caller(), "SWAN-MOUNT");
    await stub.gateway.listRses(caller());
    expect(stub.apiRequests().map((request) => request.path)).toEqual([
      "/rses/SWAN-MOUNT",
      "/rses/SWAN-MOUNT/attr/",
      "/rses/SWAN-MOUNT/protocols",
      "/rses/",
    ]);
  });
});

describe("the gateway's own guard against climbing paths", () => {
  it.each([
    ["..", "x"],
    ["s", ".."],
    ["s", "a/../../accounts/root"],
    ["s", "./x"],
  ])("refuses %s:%s without asking Rucio", async (scope, name) => {
    stub.answer(() => jsonResponse(recorded.did));
    const before = stub.apiRequests().length;
    await expect(stub.gateway.getDid(caller(), scope, name)).rejects.toMatchObject({ kind: "invalid_input" });
    expect(stub.apiRequests().length).toBe(before);
  });
});
