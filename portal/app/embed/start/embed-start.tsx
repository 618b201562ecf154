"use client";

import { useEffect, useRef, useState } from "react";
import { useEmbedBridge } from "@/app/_bridge/embed-bridge-provider";
import { ApiError, fetchJson } from "@/lib/api-client";
import type { EmbedRedemptionResponse } from "@/lib/api-responses";
import { withBasePath } from "@/lib/base-path";

/** How long the page waits for JupyterLab's hello (it repeats it for 20 s) and then for the nonce. */
const HOST_WAIT_MS = 20_000;
const NONCE_WAIT_MS = 5_000;

type Phase =
  | { kind: "waiting" }
  | { kind: "unframed" }
  | { kind: "confirm"; signedInAs: string; account: string }
  | { kind: "refused"; message: string };

/** The refusal of the redemption, or null once this frame holds the session. */
async function redeem(code: string, nonce: string, replaceSession: boolean): Promise<ApiError | null> {
  try {
    await fetchJson<EmbedRedemptionResponse>("/api/embed/redemptions", {
      method: "POST",
      json: { code, nonce, replaceSession },
    });
    return null;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

/**
 * Turns the code into this frame's session, only inside the JupyterLab panel it was made for: the panel
 * hands over the nonce whose hash the code carries. A top-level window (a link someone was sent, or a
 * window an attacker navigated) redeems nothing, and another user's live session is replaced only on a click.
 */
export function EmbedStart({ code, next }: { code: string; next: string }) {
  const { connected, hostCapabilities, requestSignInNonce } = useEmbedBridge();
  const [phase, setPhase] = useState<Phase>({ kind: "waiting" });
  const nonce = useRef<string | null>(null);
  const asked = useRef(false);
  const signInHere = withBasePath(`/signin?${new URLSearchParams({ callbackUrl: next })}`);

  const finish = async (replaceSession: boolean) => {
    setPhase({ kind: "waiting" });
    const refusal = await redeem(code, nonce.current!, replaceSession);
    if (!refusal) return window.location.replace(withBasePath(next));
    if (refusal.status === 410)
      return window.location.replace(
        withBasePath(`/signin?${new URLSearchParams({ error: "EmbedSignIn", callbackUrl: next })}`),
      );
    const conflict = refusal.body?.error;
    if (refusal.status === 409 && conflict?.signedInAs && conflict.account) {
      return setPhase({ kind: "confirm", signedInAs: conflict.signedInAs, account: conflict.account });
    }
    setPhase({
      kind: "refused",
      message: refusal.body ? refusal.message : `The portal refused the sign-in (HTTP ${refusal.status}).`,
    });
  };

  useEffect(() => {
    if (window.top === window) return setPhase({ kind: "unframed" });
    const timer = window.setTimeout(() => {
      if (!asked.current)
        setPhase({
          kind: "refused",
          message: "The page around this one did not answer as the Rucio Catalog panel: nothing was signed in.",
        });
    }, HOST_WAIT_MS);
    return () => window.clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (!connected || asked.current) return;
    asked.current = true;
    if (!hostCapabilities.includes("sign-in-nonce")) {
      return setPhase({
        kind: "refused",
        message:
          "This JupyterLab's Rucio Catalog extension cannot prove the sign-in link is its own: update the extension, or sign in here.",
      });
    }
    void requestSignInNonce(NONCE_WAIT_MS).then((given) => {
      if (!given)
        return setPhase({
          kind: "refused",
          message:
            "The Rucio Catalog panel has no sign-in waiting for this link: nothing was signed in. Reopen the panel.",
        });
      nonce.current = given;
      return finish(false);
    });
    // The nonce is asked for once, on connection; `asked` keeps a re-render from asking again.
  }, [connected, hostCapabilities]);

  if (phase.kind === "waiting") return <p role="status">Signing you in from JupyterLab…</p>;
  if (phase.kind === "unframed") {
    return (
      <>
        <h1>Open this link in JupyterLab</h1>
        <p>This sign-in link is meant for the Rucio Catalog panel in JupyterLab. Nothing was signed in.</p>
        <p>
          <a href={signInHere}>Sign in to the portal here</a> instead.
        </p>
      </>
    );
  }
  if (phase.kind === "confirm") {
    return (
      <>
        <h1>Switch accounts?</h1>
        <p>
          You are signed in as {phase.signedInAs} here; continue as {phase.account}?
        </p>
        <p>
          <button type="button" onClick={() => void finish(true)}>
            Continue as {phase.account}
          </button>{" "}
          <button type="button" onClick={() => window.location.replace(withBasePath(next))}>
            Stay signed in as {phase.signedInAs}
          </button>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Not signed in</h1>
      <p role="alert">{phase.message}</p>
      <p>
        <a href={signInHere}>Sign in to the portal here</a>
      </p>
    </>
  );
}
