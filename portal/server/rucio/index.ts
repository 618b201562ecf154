import "server-only";

// The Rucio gateway: the only code in the product that speaks Rucio's REST API.
export {
  authenticateUserpass,
  clearTokenCache,
  validateToken,
  type RucioCredentials,
  type RucioToken,
  type ValidatedToken,
} from "./auth";
export { serviceCaller, tokenCaller, userpassCaller, type RucioCaller } from "./http";
export { defaultInstanceName, listInstanceNames } from "./instances";
export {
  RucioError,
  RucioNotFoundError,
  RucioAuthenticationError,
  RucioAccessDeniedError,
  RucioConflictError,
  RucioInvalidInputError,
  RucioUnavailableError,
  type RucioErrorKind,
} from "./errors";
export { formatRucioDate, parseRucioDate } from "./json";
export * from "./types";
export { whoami, getAccount, getAccountLimits, listAccountUsage } from "./accounts";
export { getRseQuota, type RseQuota } from "./quota";
export {
  searchDids,
  searchDidNames,
  getDid,
  getDidMeta,
  getDidsMetaBulk,
  listContents,
  listParents,
  listFiles,
  listFilesBulk,
  listScopes,
  type DidFilter,
  type DidSearchOptions,
  type DidSearchType,
  type FilterValue,
  type MetaPlugin,
} from "./dids";
export { listReplicas, type ListReplicasOptions } from "./replicas";
export {
  addRule,
  getRule,
  listRuleLocks,
  deleteRule,
  setRuleLifetime,
  listDidRules,
  type AddRuleRequest,
} from "./rules";
export { parseRucioMessage, type ReceivedMessage, type RucioMessage } from "./messages";
export { listRses, resolveRseExpression, getRse, getRseAttributes, listRseProtocols } from "./rses";
