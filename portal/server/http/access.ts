import "server-only";
import type { NextRequest } from "next/server";
import { mayReadCatalog, signInOfRequest, type SignIn } from "@/server/auth";
import type { StagingRequest } from "@/server/db/client";
import { authorizeProgressReport } from "@/server/staging";
import { HttpError } from "./http-error";

/**
 * Who may call a route. Every route names one; there is no default.
 * - public: anyone (health, sign-in endpoints, the embed code exchange that proves itself otherwise);
 * - catalog: anyone unless AUTH_REQUIRE_SIGNIN_FOR_CATALOG=true, then signed-in users;
 * - signed-in: a live portal sign-in (session cookie);
 * - progress-token: the bearer token issued for the one staging request named by the `id` parameter.
 */
export type Access = "public" | "catalog" | "signed-in" | "progress-token";
export const ACCESS_LEVELS: readonly Access[] = ["public", "catalog", "signed-in", "progress-token"];

export interface Caller {
  /** The signed-in user ("signed-in"). */
  signIn?: SignIn;
  /** The staging request whose progress token came with the request ("progress-token"). */
  progressHolder?: StagingRequest;
}

/** What a route's handler knows of its caller, by access level. */
export type CallerOf<A extends Access> = A extends "signed-in"
  ? { signIn: SignIn }
  : A extends "progress-token"
    ? { progressHolder: StagingRequest }
    : Record<never, never>;

export const SIGN_IN_REQUIRED = "Sign in to stage datasets and to see your staging history";
export const CATALOG_SIGN_IN_REQUIRED = "Sign in to read the catalog: this portal shows it to signed-in users only";

export async function checkAccess(access: Access, request: NextRequest, params: unknown): Promise<Caller> {
  switch (access) {
    case "public":
      return {};
    case "catalog":
      if (!(await mayReadCatalog(request))) throw new HttpError(401, CATALOG_SIGN_IN_REQUIRED);
      return {};
    case "signed-in": {
      const signIn = await signInOfRequest(request);
      if (!signIn) throw new HttpError(401, SIGN_IN_REQUIRED);
      return { signIn };
    }
    case "progress-token": {
      const id = (params as { id?: unknown } | undefined)?.id;
      if (typeof id !== "string") throw new Error("a progress-token route needs an `id` parameter");
      return { progressHolder: await authorizeProgressReport(id, request.headers.get("authorization")) };
    }
  }
}
