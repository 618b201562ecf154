export * from "./messages";
export { createMessage, parseMessage } from "./parse";
export { isAllowedOrigin, normalizeOrigin } from "./origin";
