import "server-only";
import type { SignIn } from "@/server/auth";
import { db, type Prisma, type StagingRequest } from "@/server/db/client";
import type { StagingState } from "@/lib/db/values";
import { StagingError } from "./errors";
import { releaseRule } from "./portal-rules";
import { isCancellable, UNFINISHED_STATES } from "./states";
import type { StagingDetailsResponse, StagingPage, StagingView } from "@/lib/api-responses";
import { PROGRESS_EVENT, toEventView, toProgressPoint, toStagingView } from "./views";

export interface StagingFilter {
  state?: StagingState;
  /** Only requests still in progress (the header summary). */
  unfinished?: boolean;
  /** Part of the scope or name. */
  text?: string;
  limit: number;
  /** Id of the last request of the previous page. */
  after?: string;
}

/** Another user's request is answered exactly like a request that does not exist. */
export async function ownRequest(signIn: SignIn, id: string): Promise<StagingRequest> {
  const row = await db.stagingRequest.findFirst({ where: { id, userId: signIn.userId } });
  if (!row) throw new StagingError(404, `No staging request ${id}`);
  return row;
}

/** The signed-in user's requests, newest first. */
export async function listStagingRequests(signIn: SignIn, filter: StagingFilter): Promise<StagingPage> {
  const where: Prisma.StagingRequestWhereInput = { userId: signIn.userId };
  if (filter.state) where.state = filter.state;
  else if (filter.unfinished) where.state = { in: [...UNFINISHED_STATES] };
  if (filter.text) where.OR = [{ name: { contains: filter.text } }, { scope: { contains: filter.text } }];
  const rows = await db.stagingRequest.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
    ...(filter.after ? { cursor: { id: filter.after }, skip: 1 } : {}),
  });
  const now = new Date();
  const page = rows.slice(0, filter.limit);
  return {
    stagings: page.map((row) => toStagingView(row, now)),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** One of the user's requests: its latest events (what happened) and its progress over time. */
export async function getStagingRequest(signIn: SignIn, id: string): Promise<StagingDetailsResponse> {
  const row = await ownRequest(signIn, id);
  const [events, steps] = await Promise.all([
    db.stagingEvent.findMany({
      where: { requestId: id, kind: { not: PROGRESS_EVENT } },
      orderBy: { id: "desc" },
      take: 50,
    }),
    db.stagingEvent.findMany({
      where: { requestId: id, kind: PROGRESS_EVENT },
      orderBy: { id: "asc" },
      select: { at: true, data: true },
    }),
  ]);
  return {
    staging: toStagingView(row),
    events: events.reverse().map(toEventView),
    progress: steps.map(toProgressPoint).filter((point) => point !== null),
  };
}

/**
 * Cancels one of the user's requests. In rule mode the request lets go of its rule: the portal deletes
 * the rule (with its service identity: Rucio's generic policy does not let an account delete its own
 * rules) only when it created it for this user and nothing else still uses it; otherwise the rule stays
 * and the history says why. Rucio deletes softly: the rule expires within the hour.
 */
export async function cancelStagingRequest(signIn: SignIn, id: string): Promise<StagingView> {
  const row = await ownRequest(signIn, id);
  if (!isCancellable(row.state as StagingState, row.mode, row.ruleId)) {
    throw new StagingError(409, `This staging request is ${row.state.toLowerCase()} and cannot be cancelled`);
  }
  const message =
    row.mode === "RULE" && row.ruleId
      ? await releaseRule({ requestId: row.id, userId: signIn.userId, instance: row.instance, ruleId: row.ruleId })
      : "Cancelled";
  await db.$transaction([
    db.stagingRequest.update({
      where: { id: row.id },
      data: { state: "CANCELLED", finishedAt: new Date(), nextCheckAt: null, error: null },
    }),
    db.stagingEvent.create({ data: { requestId: row.id, kind: "STATE", message } }),
  ]);
  return toStagingView(await db.stagingRequest.findUniqueOrThrow({ where: { id: row.id } }));
}
