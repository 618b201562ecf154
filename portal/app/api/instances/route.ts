import { NextResponse } from "next/server";
import { describeInstances } from "@/server/instances-overview";

export const dynamic = "force-dynamic";

/** Configured Rucio instances and their scopes; an unreachable instance carries an `error` instead. */
export async function GET() {
  return NextResponse.json({ instances: await describeInstances() });
}
