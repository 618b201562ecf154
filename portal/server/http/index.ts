import "server-only";

export { ACCESS_LEVELS, type Access } from "./access";
export { CLIENT_CLOSED_REQUEST, HttpError } from "./http-error";
export { describeRucioFailure } from "./rucio-failure";
export { parseInput } from "./parse-input";
export { reply, route, type RouteHandler, type RouteInput } from "./route";
