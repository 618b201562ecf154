"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import "./zod-without-eval";

/** Client-side providers for every page: one TanStack Query client per browser tab. */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 30_000,
            refetchOnWindowFocus: false,
            // Only a request that never got an answer is worth repeating: the API already retried Rucio
            // before answering 503, and a 4xx (bad query syntax, unknown dataset) does not change.
            retry: (failureCount, error) => !(error instanceof ApiError) && failureCount < 2,
          },
        },
      }),
  );
  // Marks the page as interactive. Keys typed before hydration are lost, so the e2e tests wait for it.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/** A non-2xx answer from the portal's API, with the body's {error:{message, position?, length?}}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly position?: number,
    readonly length?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** GETs one of the portal's JSON APIs; throws ApiError with the server's message on failure. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { message?: unknown; position?: unknown; length?: unknown } } | null)?.error;
    const message = typeof error?.message === "string" ? error.message : `The portal answered HTTP ${response.status}`;
    const position = typeof error?.position === "number" ? error.position : undefined;
    const length = typeof error?.length === "number" ? error.length : undefined;
    throw new ApiError(response.status, message, position, length);
  }
  return body as T;
}
