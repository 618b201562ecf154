/** Only paths of this portal: an absolute URL here would make sign-in an open redirect. */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value) return "/";
  try {
    const url = new URL(value, "http://portal.invalid");
    return url.origin === "http://portal.invalid" ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
