import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Rucio Catalog", template: "%s · Rucio Catalog" },
  description: "Find Rucio datasets and bring them into your notebooks",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a href="/" className="brand">Rucio Catalog</a>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
