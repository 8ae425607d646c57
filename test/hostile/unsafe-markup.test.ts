import { describe, expect, it } from 'vitest';
import { feedHtml, unsafeMarkup } from '../support/unsafe-markup.js';

/** The checker the hostile-input and property tests rely on, tried on what it must catch. */
describe('unsafeMarkup', () => {
  it('reports event handlers, script URLs, scripts and frames as a browser would parse them', () => {
    const findings = unsafeMarkup(
      [
        '<img src=x onerror=alert(1)>',
        '<a href="java&#x09;script:alert(2)">x</a>',
        '<a href=" JAVASCRIPT:alert(3)">y</a>',
        '<script>alert(4)</script>',
        '<iframe src="/x"></iframe>',
        '<span style="background:url(javascript:alert(5))">z</span>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(6)">',
      ].join(''),
    );
    expect(findings.map((finding) => finding.split(':')[0])).toEqual([
      'event handler onerror',
      'script URL in href',
      'script URL in href',
      'script',
      '<iframe>',
      'script in style',
      'meta refresh',
    ]);
  });

  it('leaves escaped text, quoted attribute values and data scripts alone', () => {
    const html =
      '<meta name="description" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' +
      '<p title="&quot; onmouseover=&quot;alert(2)">&lt;img src=x onerror=alert(3)&gt;</p>' +
      '<script type="application/ld+json">{"name":"alert(4)"}</script>' +
      '<a href="/tags/%3Csvg%20onload%3Dalert(5)%3E/">tag</a>';
    expect(unsafeMarkup(html)).toEqual([]);
  });

  it('reports only scripts with the marker when given one', () => {
    const html = '<script src="/search.js"></script><script>alert(1)</script>';
    expect(unsafeMarkup(html, { marker: /alert\(/ })).toHaveLength(1);
    expect(unsafeMarkup(html)).toHaveLength(2);
  });

  it('reads the HTML inside a feed the way a feed reader does', () => {
    const xml =
      '<feed><title>&lt;script&gt;</title>' +
      '<content type="html">&lt;p&gt;&amp;lt;script&amp;gt;&lt;/p&gt;</content>' +
      '<summary type="html">&lt;img src=x onerror=alert(1)&gt;</summary></feed>';
    const documents = feedHtml(xml);
    expect(documents).toEqual(['<p>&lt;script&gt;</p>', '<img src=x onerror=alert(1)>']);
    expect(documents.flatMap((html) => unsafeMarkup(html))).toHaveLength(1);
  });
});
