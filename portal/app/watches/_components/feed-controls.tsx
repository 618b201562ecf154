"use client";
import { useId, useState } from "react";
import type { WatchView } from "@/lib/api-responses";
import { renewFeed, revokeFeed } from "@/lib/watches/watch-client";
import { useAction } from "@/app/_components/use-action";
import styles from "./watches.module.css";

interface FeedControlsProps {
  watch: WatchView;
  onChange: (watch: WatchView) => void;
}

/** The watch's secret Atom feed address: made or renewed (shown once, with a copy button) and revoked. */
export function FeedControls({ watch, onChange }: FeedControlsProps) {
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const urlId = useId();

  const renew = () =>
    run(async () => {
      if (watch.feedEnabled && !window.confirm("Make a new feed address? The current one stops working.")) return;
      setFeedUrl(await renewFeed(watch.id));
      setCopied(null);
      onChange({ ...watch, feedEnabled: true });
    });
  const revoke = () =>
    run(async () => {
      await revokeFeed(watch.id);
      setFeedUrl(null);
      onChange({ ...watch, feedEnabled: false });
    });
  const copy = () =>
    run(async () => {
      if (!feedUrl) return;
      await navigator.clipboard.writeText(feedUrl);
      setCopied("Feed address copied");
    });

  return (
    <div className={styles.feed}>
      <p className={styles.muted}>
        {watch.feedEnabled
          ? "Atom feed: on. Its address is secret and shown only when made; renew it if you lost it."
          : "Atom feed: off. A feed reader, or a chat or mail bridge, can follow this watch through a secret address."}
      </p>
      {feedUrl && (
        <div className={styles.actions}>
          <label htmlFor={urlId} className="visually-hidden">
            Feed address of “{watch.name}”
          </label>
          <input
            id={urlId}
            className={styles.feedUrl}
            value={feedUrl}
            readOnly
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className={styles.secondary} onClick={copy} disabled={busy}>
            Copy feed address
          </button>
        </div>
      )}
      <div className={styles.actions}>
        <button type="button" className={styles.secondary} onClick={renew} disabled={busy}>
          {watch.feedEnabled ? "Renew feed address" : "Make feed address"}
        </button>
        {watch.feedEnabled && (
          <button type="button" className={styles.secondary} onClick={revoke} disabled={busy}>
            Revoke feed
          </button>
        )}
        <span role="status" className={styles.muted}>
          {copied}
        </span>
      </div>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
    </div>
  );
}
