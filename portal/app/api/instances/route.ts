import { NextResponse } from "next/server";
import { describeInstances } from "@/server/instances-overview";
import { catalogRefusal } from "../_lib/catalog-access";

export const dynamic = "force-dynamic";

/** Configured Rucio instances and their scopes; an unreachable instance carries an `error` instead. */
export async function GET(request: Request) {
  const refused = await catalogRefusal(request);
  if (refused) return refused;
  return NextResponse.json({ instances: await describeInstances() });
}
