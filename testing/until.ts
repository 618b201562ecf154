const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads every `everyMs` until `done` holds, and returns that value; after `timeoutMs`, throws with the last one. */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      const last = JSON.stringify(value, (_, item: unknown) => (typeof item === "bigint" ? String(item) : item));
      throw new Error(`timed out waiting for ${what}; last: ${last}`);
    }
    await sleep(everyMs);
  }
}
