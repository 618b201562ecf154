import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { EmbedBridgeProvider } from "./_bridge/embed-bridge-provider";
import { Providers } from "./_components/providers";
import { StagingHeaderSummary } from "./_staging/staging-header-summary";
import { currentSignIn } from "@/server/auth";
import { NONCE_HEADER, parseFrameAncestors } from "@/server/security-headers";
import { themeBootScript } from "./_components/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Rucio Catalog", template: "%s · Rucio Catalog" },
  description: "Find Rucio datasets and bring them into your notebooks",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const signIn = await currentSignIn();
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    // The boot script sets data-theme before hydration, so the attribute may differ from the server's.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Rucio Catalog
          </Link>
          <nav aria-label="Main">
            <Link href="/search">Search</Link>
          </nav>
          <StagingHeaderSummary />
        </header>
        <Providers>
          <EmbedBridgeProvider
            allowedOrigins={parseFrameAncestors(process.env.PORTAL_FRAME_ANCESTORS)}
            canStage={Boolean(signIn?.account)}
          >
            <main id="main">{children}</main>
          </EmbedBridgeProvider>
        </Providers>
      </body>
    </html>
  );
}
