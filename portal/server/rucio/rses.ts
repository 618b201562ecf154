import "server-only";
import { collect, encodeSegment, requestJson, requestStream, type RucioCaller } from "./http";
import type { Rse, RseProtocol } from "./types";

/** GET /rses/: every RSE with its settings. */
export function listRses(caller: RucioCaller): Promise<Rse[]> {
  return collect(requestStream<Rse>(caller, { method: "GET", path: "/rses/", accept: "application/x-json-stream" }));
}

/**
 * GET /rses/?expression=…: the names of the RSEs an expression selects. An expression that is
 * malformed or matches nothing throws RucioConflictError (InvalidRSEExpression).
 */
export async function resolveRseExpression(caller: RucioCaller, expression: string): Promise<string[]> {
  const matches = await collect(
    requestStream<{ rse: string }>(caller, {
      method: "GET",
      path: "/rses/",
      query: { expression },
      accept: "application/x-json-stream",
    }),
  );
  return matches.map((match) => match.rse);
}

/** GET /rses/{rse}. */
export function getRse(caller: RucioCaller, rse: string): Promise<Rse> {
  return requestJson<Rse>(caller, { method: "GET", path: `/rses/${encodeSegment(rse)}`, accept: "application/json" });
}

/** GET /rses/{rse}/attr/: the RSE's attributes (key -> value). */
export function getRseAttributes(
  caller: RucioCaller,
  rse: string,
): Promise<Record<string, string | number | boolean | null>> {
  return requestJson(caller, { method: "GET", path: `/rses/${encodeSegment(rse)}/attr/`, accept: "application/json" });
}

/** GET /rses/{rse}/protocols: how the RSE's files are read and written (scheme, host, prefix, priorities). */
export function listRseProtocols(caller: RucioCaller, rse: string): Promise<RseProtocol[]> {
  return requestJson<RseProtocol[]>(caller, {
    method: "GET",
    path: `/rses/${encodeSegment(rse)}/protocols`,
    accept: "application/json",
  });
}
