import { NextResponse } from "next/server";
import { describeInstances } from "@/server/instances-overview";

export const dynamic = "force-dynamic";

/** 200 when every configured Rucio instance answers, 503 with the reasons otherwise. */
export async function GET() {
  const instances = await describeInstances();
  const failing = instances.filter((instance) => instance.error);
  const body = { ok: failing.length === 0, instances: instances.map(({ name, error }) => ({ name, error })) };
  return NextResponse.json(body, { status: failing.length ? 503 : 200 });
}
