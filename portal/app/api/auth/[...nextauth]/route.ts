import NextAuth from "next-auth";
import { z } from "zod";
import { getAuthOptions } from "@/server/auth";
import { route } from "@/server/http";

export const dynamic = "force-dynamic";

const nextAuthParams = z.object({ nextauth: z.array(z.string().max(64)).min(1).max(4) });

// next-auth's own endpoints (sign-in, callback, session, csrf, sign-out) under /api/auth/*; they check
// their own input (CSRF token, provider ids) and answer in their own formats.
const handleAuth = route(
  { access: "public", params: nextAuthParams },
  ({ request, params }) =>
    NextAuth(request, { params: Promise.resolve(params) }, getAuthOptions()) as Promise<Response>,
);

export { handleAuth as GET, handleAuth as POST };
