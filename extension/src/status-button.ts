import type { IStatusBar } from "@jupyterlab/statusbar";
import { Signal } from "@lumino/signaling";
import { Widget } from "@lumino/widgets";

/** What a status bar button shows; null hides it. */
export interface IStatusView {
  text: string;
  /** The accessible name: the text and what a click does. */
  label: string;
  title: string;
  /** Styling hook (data-state). */
  state: string;
}

/** A status bar item that is a button, shown only while it has something to say. */
export class StatusButton extends Widget {
  private readonly activeChanged = new Signal<StatusButton, void>(this);
  private shown = false;

  constructor(className: string, onClick: () => void) {
    super({ node: document.createElement("button") });
    this.addClass("jp-RucioCatalogStatusButton");
    this.addClass(className);
    this.node.setAttribute("type", "button");
    this.node.addEventListener("click", onClick);
  }

  display(view: IStatusView | null): void {
    this.node.textContent = view?.text ?? "";
    this.node.title = view?.title ?? "";
    this.node.dataset.state = view?.state ?? "idle";
    this.node.setAttribute("aria-label", view?.label ?? "");
    if (this.shown !== (view !== null)) {
      this.shown = view !== null;
      this.activeChanged.emit();
    }
  }

  addTo(statusBar: IStatusBar, id: string, rank: number): void {
    statusBar.registerStatusItem(id, {
      item: this,
      align: "left",
      rank,
      isActive: () => this.shown,
      activeStateChanged: this.activeChanged,
    });
  }
}
