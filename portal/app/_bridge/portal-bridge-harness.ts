import { vi } from "vitest";
import { createPortalBridge } from "./portal-bridge";

/**
 * The portal's end of the bridge in a stand-in window whose parent records what is posted to it, with
 * every handler a mock. `deliver` dispatches a message event as the browser would (from the first
 * allowed origin and the parent window unless told otherwise).
 */
export function openPortalBridge(allowed: string[], capabilities?: string[]) {
  const parent = { postMessage: vi.fn() };
  const win = Object.assign(new EventTarget(), { parent });
  const handlers = {
    onTheme: vi.fn(),
    onConnected: vi.fn(),
    onNotebookContext: vi.fn(),
    onProgress: vi.fn(),
    onRequestStage: vi.fn(),
    onSignInNonce: vi.fn(),
  };
  const bridge = createPortalBridge(win, allowed, handlers, capabilities);
  const deliver = (data: unknown, origin = allowed[0], source: unknown = parent) =>
    win.dispatchEvent(
      Object.defineProperty(new MessageEvent("message", { data, origin }), "source", { value: source }),
    );
  const handlerCalls = () => Object.values(handlers).reduce((sum, handler) => sum + handler.mock.calls.length, 0);
  return { parent, win, bridge, handlers, deliver, handlerCalls };
}
