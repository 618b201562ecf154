"use client";

import { useEffect, useState } from "react";

interface CopyLinkButtonProps {
  label?: string;
  /** The link to copy; by default the page's current URL (which holds its whole state). */
  link?: () => string;
}

/** Copies a link and confirms it in a live region. */
export function CopyLinkButton({ label = "Copy link", link = () => window.location.href }: CopyLinkButtonProps) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = window.setTimeout(() => setStatus("idle"), 2500);
    return () => window.clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link());
      setStatus("copied");
    } catch {
      setStatus("failed");
    }
  }

  return (
    <span className="copy-link">
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className="copy-link-status">
        {status === "copied" ? "Link copied" : status === "failed" ? "Copy failed: copy the address bar instead" : ""}
      </span>
    </span>
  );
}
