"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { ApiError } from "@/lib/api-client";
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
