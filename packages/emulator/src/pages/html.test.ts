import { describe, expect, it } from 'vitest';
import { escapeHtml, html, renderPage, SafeHtml } from './html';

describe('html', () => {
  it('escapes interpolated values but not SafeHtml', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
    expect(html`<p>${new SafeHtml('<b>ok</b>')}</p>`.value).toBe('<p><b>ok</b></p>');
    expect(escapeHtml(`'&`)).toBe('&#39;&amp;');
  });
  it('renders a page with lang, a title and nonce-bound style and script', () => {
    const page = renderPage({ title: 'T<', nonce: 'abc', body: html`<main></main>`, script: 'void 0' });
    expect(page).toContain('<html lang="en-SG">');
    expect(page).toContain('<title>T&lt;</title>');
    expect(page).toContain('<style nonce="abc">');
    expect(page).toContain('<script nonce="abc">');
    expect(page).toMatch(/not sgID or Singpass/);
  });
});
