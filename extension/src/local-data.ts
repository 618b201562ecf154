import type { MessageBody, MessageOf } from "@rucio-catalog/protocol";
import type { ILocalCheck } from "./server-api";

type LocalDataBody = Omit<MessageBody<"local-data">, "type">;

/** The answer to a `local-check`: what the server found, or why it could not look (never thrown). */
export async function answerLocalCheck(
  message: MessageOf<"local-check">,
  check: () => Promise<ILocalCheck>,
  folderName: string,
): Promise<LocalDataBody> {
  try {
    const found = await check();
    return {
      requestId: message.requestId,
      state: found.state,
      folder: found.folder || folderName,
      filesTotal: found.filesTotal,
      filesPresent: Math.min(found.filesPresent, found.filesTotal),
      bytesTotal: found.bytesTotal,
      bytesPresent: Math.min(found.bytesPresent, found.bytesTotal),
      checked: found.checked,
    };
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 256) || "no reason given";
    return {
      requestId: message.requestId,
      state: "error",
      folder: folderName,
      filesTotal: 0,
      filesPresent: 0,
      bytesTotal: 0,
      bytesPresent: 0,
      checked: "size",
      detail,
    };
  }
}
