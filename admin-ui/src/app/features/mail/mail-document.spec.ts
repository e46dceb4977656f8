import { escapeHtml, isHtmlBody, mailDocument } from './mail-document';

describe('mailDocument', () => {
  it('wraps a text body, escaped, in a document that may load nothing', () => {
    const doc = mailDocument('a < b & "c"\n<img src="https://tracker.example/p.gif">');
    expect(doc).toContain(`default-src 'none'`);
    expect(doc).toContain(
      '<pre>a &lt; b &amp; &quot;c&quot;\n&lt;img src=&quot;https://tracker.example/p.gif&quot;&gt;</pre>',
    );
  });

  it('keeps an HTML document and puts the policy first in its head', () => {
    const doc = mailDocument(
      '<!DOCTYPE html><html><head lang="en"><title>t</title></head><body>hi</body></html>',
    );
    expect(doc).toMatch(/^<!DOCTYPE html><html><head lang="en"><meta http-equiv="Content-Security-Policy"/);
    expect(doc).toContain('<body>hi</body>');
    expect(mailDocument('<html><body>x</body></html>')).toMatch(
      /^<meta http-equiv="Content-Security-Policy"/,
    );
  });

  it('treats only whole HTML documents as HTML', () => {
    expect(isHtmlBody('  <!doctype html><p>x')).toBe(true);
    expect(isHtmlBody('<html>')).toBe(true);
    expect(isHtmlBody('Your order <b>shipped</b>')).toBe(false);
    expect(escapeHtml(`<'&'>`)).toBe('&lt;&#39;&amp;&#39;&gt;');
  });
});
