/** A return URL from the query string, accepted only when it is a path of this app (never another origin). */
export function safeReturnUrl(url: string | undefined, fallback = '/'): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\') ? url : fallback;
}
