import { beforeAll, describe, expect, it } from "vitest";
import { useStubRucio } from "../rucio/stub-rucio-suite";
import { rucioError, streamResponse, type StubRequest, type StubResponse } from "../rucio/test-support";
import { RECORDED_ALICE_USAGE, RECORDED_DATASET, RECORDED_REPLICA_RECORDS } from "./plan.fixture";

// planStaging against a stub Rucio replaying recorded answers: the gateway calls it makes, a quota Rucio
// will not give, and Rucio unreachable (the route then answers 503 with a sentence a user can act on).

const stub = useStubRucio();
let modules: {
  planner: typeof import("./plan-staging");
  failure: typeof import("@/server/http/rucio-failure");
};
beforeAll(async () => {
  modules = { planner: await import("./plan-staging"), failure: await import("@/server/http/rucio-failure") };
});

// No finished stagings: what the estimator reads from the database.
const emptyHistory = {
  stagingRequest: { findMany: async () => [], findFirst: async () => null },
} as unknown as import("@/server/db/client").Database;

const request = {
  instance: "stub",
  scope: RECORDED_DATASET.scope,
  name: RECORDED_DATASET.name,
  mode: "RULE" as const,
  destination: "SWAN-MOUNT",
};

function recordedRucio(quota: (request: StubRequest) => StubResponse) {
  return (incoming: StubRequest): StubResponse => {
    if (incoming.path === "/rses/") return streamResponse([{ rse: "SWAN-MOUNT" }]);
    if (incoming.path === "/replicas/list") return streamResponse(RECORDED_REPLICA_RECORDS);
    if (incoming.path.endsWith("/rules")) return streamResponse([]);
    if (incoming.path.startsWith("/accounts/")) return quota(incoming);
    return rucioError(404, "NotFound", `unexpected ${incoming.path}`);
  };
}

const plan = () =>
  modules.planner.planStaging(
    { db: emptyHistory },
    { caller: stub.gateway.serviceCaller("stub"), account: "alice", viaService: true },
    "user-1",
    request,
    { bytes: RECORDED_DATASET.bytes, files: RECORDED_DATASET.files },
  );

describe("planning from Rucio's answers", () => {
  it("reads the destination, replicas, the user's rules and quota, and refuses alice over her quota", async () => {
    stub.answer(
      recordedRucio(() => ({ headers: { "Content-Type": "application/x-json-stream" }, body: RECORDED_ALICE_USAGE })),
    );
    const planned = await plan();
    expect(planned.replicas).toEqual([
      { rse: "REMOTE-POSIX", availableFiles: 2, availableBytes: 25_734, complete: true },
    ]);
    expect(planned.quotas).toMatchObject([{ rse: "SWAN-MOUNT", limitBytes: 1024, neededBytes: 25_734, enough: false }]);
    expect(planned.refusal).toMatch(/needs 25,734 bytes, but on SWAN-MOUNT account alice has a limit of 1,024 bytes/);
    expect(stub.apiRequests().map((sent) => `${sent.method} ${sent.path}`)).toEqual(
      expect.arrayContaining([
        "GET /rses/",
        "POST /replicas/list",
        `GET /dids/${RECORDED_DATASET.scope}/${RECORDED_DATASET.name}/rules`,
        "GET /accounts/alice/usage/local/SWAN-MOUNT",
      ]),
    );
  });

  it("goes on without the quota when Rucio will not give it, and then refuses nothing", async () => {
    stub.answer(recordedRucio(() => rucioError(401, "AccessDenied", "Account alice can not list account usage.")));
    const planned = await plan();
    expect(planned).toMatchObject({ quotas: [], refusal: null });
    expect(planned.quotaNote).toBe("Rucio did not give your quota: Account alice can not list account usage.");
  });

  it("reads no row as no limit set, and leaves that to Rucio", async () => {
    stub.answer(recordedRucio(() => streamResponse([])));
    const planned = await plan();
    expect(planned).toMatchObject({ refusal: null, quotas: [{ limitBytes: null, usedBytes: 0, enough: null }] });
  });

  it("fails as unreachable when Rucio does not answer, which the route turns into a 503", async () => {
    stub.answer(() => ({ destroy: true }));
    const error = await plan().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(stub.gateway.RucioUnavailableError);
    const failure = modules.failure.describeRucioFailure(error as InstanceType<typeof stub.gateway.RucioError>);
    expect(failure.status).toBe(503);
    expect(failure.message).toMatch(/is unreachable right now/);
  });
});
