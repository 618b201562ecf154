import "server-only";

// Keeping the catalog fresh from Rucio's own event messages (the stream is read in server/events).
export { applyDidMessages, type AppliedDidMessages, type DidMessage } from "./apply-did-messages";
export { pruneReceipts, recordReceipts, unreceivedKeys } from "./receipts";
