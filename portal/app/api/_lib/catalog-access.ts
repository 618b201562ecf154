import "server-only";
import { NextRequest, NextResponse } from "next/server";
import { mayReadCatalog } from "@/server/auth/session";

/**
 * The catalog's API answers everyone unless AUTH_REQUIRE_SIGNIN_FOR_CATALOG=true; then a request
 * without a live sign-in gets this 401 (undefined: go ahead).
 */
export async function catalogRefusal(request: Request): Promise<NextResponse | undefined> {
  if (await mayReadCatalog(request instanceof NextRequest ? request : new NextRequest(request))) return undefined;
  return NextResponse.json(
    { error: { message: "Sign in to read the catalog: this portal shows it to signed-in users only" } },
    { status: 401, headers: { "Cache-Control": "no-store" } },
  );
}
