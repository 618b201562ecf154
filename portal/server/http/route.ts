import "server-only";
import { NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import { checkAccess, type Access, type CallerOf } from "./access";
import { errorResponse } from "./error-response";
import { readJsonBody } from "./json-body";
import { parseInput } from "./parse-input";
import { checkRateLimit, type RateLimitName } from "./rate-limit";
import { requestContext, type RequestContext } from "./request-context";

/**
 * The portal's one request path. Every API route is `export const GET = route({ access, … }, handler)`:
 * access is checked first, then the path parameters, the query and the JSON body are parsed with their
 * schemas (400 with the first issue), then the handler runs. A handler returns a Response or a value
 * sent as JSON; whatever it throws becomes the one error envelope `{ error: { message } }`.
 */
type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteSpec<A extends Access, P extends Schema, Q extends Schema, B extends Schema> {
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Per-client budget for routes that cost the portal more than a database read (live Rucio calls). */
  rateLimit?: RateLimitName;
  /** Cache-Control of successful answers; "no-store" unless the route says otherwise. */
  cacheControl?: string;
}

export type RouteInput<A extends Access, P extends Schema, Q extends Schema, B extends Schema> = CallerOf<A> & {
  request: NextRequest;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  context: RequestContext;
};

type NextContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = ((request: Request, context?: NextContext) => Promise<Response>) & {
  readonly routeSpec: RouteSpec<Access, Schema, Schema, Schema>;
};

/** A JSON answer with a status other than 200. */
export function reply(body: unknown, status: number): Response {
  return NextResponse.json(body, { status });
}

export function route<
  A extends Access,
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(
  spec: RouteSpec<A, P, Q, B>,
  handler: (input: RouteInput<A, P, Q, B>) => Promise<Response | unknown> | Response | unknown,
): RouteHandler {
  const label = spec.access;
  const run = async (incoming: Request, nextContext?: NextContext): Promise<Response> => {
    const request = incoming instanceof NextRequest ? incoming : new NextRequest(incoming);
    try {
      if (spec.rateLimit) checkRateLimit(spec.rateLimit, request);
      const rawParams = nextContext?.params ? await nextContext.params : {};
      // A progress token names its request, so that route's `id` is read first; elsewhere access comes first.
      const parseParams = () => (spec.params ? parseInput(spec.params, rawParams) : undefined);
      const early = spec.access === "progress-token" ? parseParams() : undefined;
      const caller = await checkAccess(spec.access, request, early ?? rawParams);
      const params = early ?? parseParams();
      const query = spec.query ? parseInput(spec.query, Object.fromEntries(request.nextUrl.searchParams)) : undefined;
      const body = spec.body ? parseInput(spec.body, await readJsonBody(request)) : undefined;
      const input = { ...caller, request, params, query, body, context: requestContext() } as RouteInput<A, P, Q, B>;
      const result = await handler(input);
      const response = result instanceof Response ? result : NextResponse.json(result);
      if (!response.headers.has("Cache-Control"))
        response.headers.set("Cache-Control", spec.cacheControl ?? "no-store");
      return response;
    } catch (error) {
      return errorResponse(error, request, label);
    }
  };
  return Object.assign(run, { routeSpec: spec as RouteSpec<Access, Schema, Schema, Schema> });
}
