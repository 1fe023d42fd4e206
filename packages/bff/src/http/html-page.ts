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

/**
 * The same look as the demo SPA (packages/spa/src/styles.css): system fonts, the red masthead and
 * buttons, a white card on a grey page, AA contrast. The favicon is `/favicon.svg` (the SPA's, or the
 * BFF's own: routes/spa.ts), allowed by the pages' `img-src 'self'`.
 */
const STYLE = `:root{--red:#b3001b;--red-dark:#8a0015;--ink:#1b1b1b;--muted:#4a4a4a;--line:#d4d4d4;--page:#f5f5f5;--focus:#ffbf47;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;color:var(--ink);background:var(--page)}
*{box-sizing:border-box}body{margin:0;min-height:100vh}
.masthead{background:var(--red);color:#fff;padding:.75rem 1rem;font-weight:600;display:flex;align-items:center;gap:.6rem}
.masthead img{width:1.75rem;height:1.75rem}
main{max-width:36rem;margin:3rem auto;padding:0 1rem}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1.5rem 1.75rem}
h1{font-size:1.5rem;margin:0 0 .75rem}
.button{display:inline-block;background:var(--red);color:#fff;padding:.65rem 1.25rem;border-radius:8px;text-decoration:none;font-weight:600}
.button:hover{background:var(--red-dark)}.button:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.small{color:var(--muted);font-size:.875rem;margin-top:1.5rem}`;

export function renderPage(content: PageContent, nonce: string): string {
  const action = content.action
    ? `<p><a class="button" id="try-again" href="${escapeHtml(content.action.href)}">${escapeHtml(content.action.label)}</a></p>`
    : '';
  const footnote = content.footnote ? `<p class="small">${escapeHtml(content.footnote)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style nonce="${nonce}">${STYLE}</style></head>
<body><header class="masthead"><img src="/favicon.svg" alt=""><span>Singpass login</span></header>
<main><div class="card"><h1>${escapeHtml(content.title)}</h1><p>${escapeHtml(content.message)}</p>${action}${footnote}</div>
</main></body></html>`;
}

/** The BFF's own icon, the SPA's mark (packages/spa/public/favicon.svg), for pages served without the SPA. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b3001b"/><path d="M9 21.5c1.6 1.3 3.9 2 6.6 2 4 0 6.4-1.9 6.4-4.8 0-2.6-1.7-3.8-5.1-4.5l-1.9-.4c-1.7-.4-2.4-.9-2.4-1.8 0-1.1 1.1-1.8 2.8-1.8 1.8 0 3.3.7 4.4 1.7l1.7-2.2c-1.4-1.2-3.5-2-6-2-3.7 0-6.1 1.9-6.1 4.6 0 2.5 1.6 3.8 4.8 4.5l1.9.4c1.9.4 2.6.9 2.6 1.9 0 1.2-1.2 1.9-3.1 1.9-2.1 0-3.9-.8-5.2-2.1z" fill="#fff"/></svg>';
