import { html, type SafeHtml } from './html';

/** The header bar of every page. */
export function renderMasthead(subtitle: string): SafeHtml {
  return html`<header class="masthead"><div class="brand" aria-label="sgID">sg<span>ID</span></div><div class="muted">${subtitle}</div></header>`;
}
