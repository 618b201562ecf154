"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import { jupyterLabLink } from "@/lib/share-links";
import { CopyLinkButton } from "./copy-link-button";

interface ShareControlProps {
  /** The page's portal-relative path (a dataset page or a search), which the JupyterLab link names. */
  portalPath: string;
  /** PORTAL_JUPYTERLAB_LINK, or null: then only the portal link is offered. */
  jupyterLabTemplate: string | null;
  label?: string;
}

/**
 * Share: the portal link (the page's own URL, as the address bar has it) and, when a JupyterLab URL is
 * configured, a link that opens this page in the catalog panel of whoever opens it, in their own
 * JupyterLab. A disclosure: Escape closes it and gives the focus back to its button.
 */
export function ShareControl({ portalPath, jupyterLabTemplate, label = "Share" }: ShareControlProps) {
  const [open, setOpen] = useState(false);
  const [portalLink, setPortalLink] = useState("");
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const labLink = jupyterLabLink(jupyterLabTemplate, portalPath);

  const toggle = () => {
    if (!open) setPortalLink(window.location.href);
    setOpen(!open);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && open) {
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    }
  };

  return (
    <div className="share" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        {label}
      </button>
      <div id={panelId} className="share-panel" role="group" aria-label="Share links" hidden={!open}>
        <div className="share-row">
          <a href={portalLink} className="share-link" data-share="portal">
            Portal link
          </a>
          <CopyLinkButton label="Copy portal link" link={() => window.location.href} />
        </div>
        {labLink ? (
          <div className="share-row">
            <a href={labLink} className="share-link" data-share="jupyterlab" target="_blank" rel="noopener noreferrer">
              Open in JupyterLab
            </a>
            <CopyLinkButton label="Copy JupyterLab link" link={() => labLink} />
            <p className="muted small">
              Opens this page in the Rucio Catalog panel of whoever opens the link, in their own JupyterLab.
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
