import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSignIn } from "@/server/auth";
import { defaultInstanceName } from "@/server/rucio";
import { listWatches } from "@/server/watches";
import { WatchList } from "./_components/watch-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Watched searches" };

/** /watches: the signed-in user's watched searches; `?open=<id>` opens one with its matches. */
export default async function WatchesPage({ searchParams }: PageProps<"/watches">) {
  const signIn = await currentSignIn();
  if (!signIn) redirect("/signin?callbackUrl=%2Fwatches");
  const { open } = await searchParams;
  return (
    <>
      <h1>Watched searches</h1>
      <p className="muted">
        After each indexing run the catalog notes the datasets that newly match each of your searches. Watch a search
        from the search page.
      </p>
      <WatchList
        initial={await listWatches(signIn.userId)}
        initialOpenId={typeof open === "string" ? open : null}
        defaultInstance={defaultInstanceName()}
      />
    </>
  );
}
