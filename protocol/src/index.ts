export * from "./messages";
export { createMessage, parseMessage } from "./parse";
export { isAllowedOrigin, normalizeOrigin } from "./origin";
export { didNameSchema, didRefusal, didScopeSchema, MAX_NAME_LENGTH, MAX_SCOPE_LENGTH } from "./did";
export {
  MAX_SHARE_PATH_LENGTH,
  MAX_SHARE_QUERY_LENGTH,
  parseSharePath,
  SHARE_LINK_PARAM,
  SHARE_LINK_PARAM_PREFIX,
  sharePath,
  type ShareParse,
  type ShareTarget,
} from "./share-link";
