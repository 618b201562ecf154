import { useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

/**
 * True once the page runs in the browser (after hydration): what only script can do, such as a button
 * whose click handler is not attached yet, waits for it.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
