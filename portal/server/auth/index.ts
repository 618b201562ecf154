import "server-only";

// Signing in (Rucio userpass, OIDC, the JupyterLab panel's embed codes) and the session that follows.
// What the routes, pages and the other server modules use; the rest stays inside. It loads in plain Node
// (the start-up hook's test runs it there), so page helpers that redirect live in app/_auth.
export { safeCallbackPath } from "./callback-path";
export { authSecret, DEVELOPMENT_SECRET, oidcConfig } from "./config";
export { issueEmbedCodeFor, redeemEmbedCode, renewEmbedSignInsFor } from "./embed-sign-in";
export { getAuthOptions } from "./options";
export { currentSignIn, mayReadCatalog, signInOfRequest } from "./session";
export { sessionCookieFor } from "./session-cookie";
export { actingSignInOf, rucioTokenOf, SignInUnusableError, type SignIn } from "./sign-ins";
