/** A nonce for one embed sign-in, and the hash the Jupyter server passes to the portal with the request. */
export interface ISignInNonce {
  /** 32 random bytes, base64url: kept in this page's memory, handed only to the panel's own frame. */
  nonce: string;
  /** SHA-256 of the nonce's text, base64url: all the Jupyter server and the portal ever see. */
  hash: string;
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/**
 * The portal redeems a sign-in code only together with the nonce whose hash it was issued with, so a code
 * loaded anywhere but this panel (a window or frame someone else navigated) signs nobody in.
 * Needs Web Crypto (a secure context: https or localhost); the caller falls back to a signed-out panel.
 */
export async function createSignInNonce(): Promise<ISignInNonce> {
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(nonce));
  return { nonce, hash: base64url(new Uint8Array(digest)) };
}
