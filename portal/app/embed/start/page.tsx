import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/server/auth";
import { EmbedStart } from "./embed-start";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signing in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const CODE = /^[A-Za-z0-9_-]{43}$/;

/**
 * /embed/start?code=…&next=/path: the panel's first page. It redeems nothing itself: inside the panel the
 * page asks JupyterLab for the nonce the code is bound to and redeems both (EmbedStart). Without a
 * well-formed code there is nothing to redeem: the sign-in page says so.
 */
export default async function EmbedStartPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeCallbackPath(first(params.next));
  const code = first(params.code) ?? "";
  if (!CODE.test(code)) redirect(`/signin?${new URLSearchParams({ error: "EmbedSignIn", callbackUrl: next })}`);
  return <EmbedStart code={code} next={next} />;
}
