import "server-only";
import type { Database } from "@/server/db/client";

/** How long a message's receipt is kept: hermes resends within seconds, a broker redelivers within hours. */
const RECEIPT_DAYS = 7;

/** Of these message keys, those this instance's stream has not applied yet (each once, in order). */
export async function unreceivedKeys(db: Database, instance: string, keys: string[]): Promise<Set<string>> {
  const received = await db.rucioEventReceipt.findMany({
    where: { instance, key: { in: [...new Set(keys)] } },
    select: { key: true },
  });
  const seen = new Set(received.map((receipt) => receipt.key));
  return new Set(keys.filter((key) => !seen.has(key)));
}

/** Records applied messages; another process that recorded one first wins, quietly. */
export async function recordReceipts(db: Database, instance: string, keys: Iterable<string>): Promise<void> {
  const data = [...new Set(keys)].map((key) => ({ instance, key }));
  if (data.length === 0) return;
  try {
    await db.rucioEventReceipt.createMany({ data });
  } catch {
    for (const row of data) await db.rucioEventReceipt.create({ data: row }).catch(() => undefined);
  }
}

export async function pruneReceipts(db: Database, now = new Date()): Promise<number> {
  const { count } = await db.rucioEventReceipt.deleteMany({
    where: { receivedAt: { lt: new Date(now.getTime() - RECEIPT_DAYS * 86_400_000) } },
  });
  return count;
}
