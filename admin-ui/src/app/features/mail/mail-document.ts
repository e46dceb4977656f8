/**
 * The document a received mail is shown in: the `srcdoc` of an iframe with `sandbox=""` (no scripts, forms,
 * navigation or same-origin access). Its own Content-Security-Policy also stops the message from fetching
 * anything (remote images, fonts, style sheets), so opening a mail does not tell its sender.
 */
const POLICY =
  `<meta http-equiv="Content-Security-Policy" ` +
  `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

const TEXT_STYLE =
  '<style>body{margin:0.75rem;font:14px/1.5 system-ui,sans-serif;color:#111827;}' +
  'pre{margin:0;font:inherit;white-space:pre-wrap;overflow-wrap:anywhere;}</style>';

/** A body that is an HTML document (the sink keeps the body as sent, so an HTML-only mail arrives as HTML). */
export function isHtmlBody(body: string): boolean {
  return /^\s*(<!doctype html|<html[\s>])/i.test(body);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An HTML body as it is, with the policy in its head; any other body as escaped, wrapped plain text. */
export function mailDocument(body: string): string {
  if (isHtmlBody(body)) {
    const head = /<head(\s[^>]*)?>/i.exec(body);
    if (head) {
      const at = head.index + head[0].length;
      return body.slice(0, at) + POLICY + body.slice(at);
    }
    return POLICY + body;
  }
  return `<!doctype html><html><head>${POLICY}${TEXT_STYLE}</head><body><pre>${escapeHtml(body)}</pre></body></html>`;
}
