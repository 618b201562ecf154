import "server-only";
import { afterAll, beforeAll } from "vitest";
import { loadGateway, startStubRucio, userpassAuth, type StubHandler, type StubRucio } from "./test-support";

export type StubbedGateway = Awaited<ReturnType<typeof loadGateway>>;

/** A unit suite's stub Rucio, with the fresh gateway pointed at it (instance "stub", service account svc). */
export interface StubRucioSuite extends StubRucio {
  readonly gateway: StubbedGateway;
  /** Answers the service account's login, and every other request with `handler`. */
  answer(handler: StubHandler): void;
}

/**
 * Registers a unit suite's hooks: before all, a stub Rucio started and a fresh gateway loaded for it
 * (so register this before hooks that import modules using the gateway); after all, the stub closed.
 */
export function useStubRucio(options: Parameters<typeof loadGateway>[1] = {}): StubRucioSuite {
  let started: { stub: StubRucio; gateway: StubbedGateway } | undefined;
  const serviceLogin = userpassAuth({ svc: "svc-secret" });
  beforeAll(async () => {
    const stub = await startStubRucio();
    started = { stub, gateway: await loadGateway(stub.url, options) };
  });
  afterAll(() => started?.stub.close());

  const running = () => {
    if (!started) throw new Error("the stub Rucio starts in beforeAll");
    return started;
  };
  const setHandler = (handler: StubHandler) => running().stub.setHandler(handler);
  return {
    get url() {
      return running().stub.url;
    },
    get requests() {
      return running().stub.requests;
    },
    get gateway() {
      return running().gateway;
    },
    apiRequests: () => running().stub.apiRequests(),
    setHandler,
    close: () => running().stub.close(),
    answer: (handler) =>
      setHandler((request) => (request.path === "/auth/userpass" ? serviceLogin(request) : handler(request))),
  };
}
