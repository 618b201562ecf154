import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/server/auth/options";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth's own endpoints (sign-in, callback, session, csrf, sign-out) under /api/auth/*.
async function handleAuth(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, context, getAuthOptions()) as Promise<Response>;
}

export { handleAuth as GET, handleAuth as POST };
