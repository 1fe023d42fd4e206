/**
 * The BFF's own small HTML pages (login errors, "declined", a home page when no SPA is built). Static
 * markup, escaped text, one nonce-tagged style block; the caller sets the CSP with the same nonce.
 */
export interface PageContent {
  title: string;
  message: string;
  /** A primary action, e.g. "Try again" → a fresh login. */
  action?: { href: string; label: string };
  /** Small print, e.g. the error code and request id for support. */
  footnote?: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function renderPage(content: PageContent, nonce: string): string {
  const action = content.action
    ? `<p><a class="button" href="${escapeHtml(content.action.href)}">${escapeHtml(content.action.label)}</a></p>`
    : '';
  const footnote = content.footnote ? `<p class="small">${escapeHtml(content.footnote)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<style nonce="${nonce}">
body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.5rem}.button{display:inline-block;background:#c8102e;color:#fff;padding:.6rem 1.2rem;
border-radius:.4rem;text-decoration:none}.small{color:#666;font-size:.85rem}
</style></head>
<body><main><h1>${escapeHtml(content.title)}</h1><p>${escapeHtml(content.message)}</p>${action}${footnote}
</main></body></html>`;
}
