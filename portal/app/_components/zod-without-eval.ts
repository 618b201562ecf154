import { z } from "zod";

// Zod compiles object parsers with new Function() where it may, and its probe for that is an eval the
// pages' Content-Security-Policy refuses (and reports) on every page. In the browser it parses without
// compiling; the server, which has no such policy, keeps the compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });
