export * from "./messages";
export { createMessage, parseMessage } from "./parse";
export { isAllowedOrigin, normalizeOrigin } from "./origin";
export { didNameSchema, didRefusal, didScopeSchema, MAX_NAME_LENGTH, MAX_SCOPE_LENGTH } from "./did";
