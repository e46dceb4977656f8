type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * Headers every response gets: they protect a JSON answer as much as a page (OWASP REST Security Cheat
 * Sheet): HTTPS only, no MIME sniffing, no framing, no reads by other origins' no-cors requests.
 */
const ANY_RESPONSE: HeaderList = [
  ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'SAMEORIGIN'],
  ['cross-origin-resource-policy', 'same-origin'],
];

/**
 * Helmet's other defaults (the Content-Security-Policy aside: the Angular apps and Swagger UI set their
 * own inline styles). Each concerns a document a browser renders (its browsing-context group, referrers,
 * DNS prefetching, legacy IE and Flash behaviour), so only pages, scripts and files get them.
 */
const DOCUMENT_ONLY: HeaderList = [
  ['cross-origin-opener-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];

export const API_SECURITY_HEADERS: HeaderList = ANY_RESPONSE;
export const DOCUMENT_SECURITY_HEADERS: HeaderList = [...ANY_RESPONSE, ...DOCUMENT_ONLY];

/** JSON endpoints: the API (Swagger UI under /api/docs is a page) and the instance health checks. */
const JSON_PATHS = /^\/(?:api\/(?!docs(?:[/?#]|$))|health\/)/;

/**
 * The security headers for a request URL (path and query), set by the edge hook. Instead of Nest's
 * `useSecurityHeaders()`, which wrote helmet's eleven headers on every response: on a small JSON answer
 * the seven that only concern documents were a quarter of the bytes.
 */
export function securityHeadersFor(url: string): HeaderList {
  return JSON_PATHS.test(url) ? API_SECURITY_HEADERS : DOCUMENT_SECURITY_HEADERS;
}
