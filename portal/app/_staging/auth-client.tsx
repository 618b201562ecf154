"use client";
import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { withBasePath } from "@/lib/base-path";

/**
 * Points next-auth's browser client (signIn, signOut) at this portal's /api/auth under its base path:
 * the client cannot read NEXTAUTH_URL and would post to /api/auth at the origin's root. The session is
 * read on the server, so the provider starts with none and never fetches one.
 */
export function AuthClient({ children }: { children: ReactNode }) {
  return (
    <SessionProvider basePath={withBasePath("/api/auth")} session={null} refetchOnWindowFocus={false}>
      {children}
    </SessionProvider>
  );
}
