/**
 * The SPA's `index.html`, read once at start-up and split where a nonce goes, so each response only joins
 * strings: every `<script>`, `<style>` and `<link>` tag gets `nonce="<fresh>"` matching that response's CSP.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface SpaIndex {
  render(nonce: string): string;
}

export function loadSpaIndex(spaDir: string): SpaIndex {
  const html = readFileSync(path.join(spaDir, 'index.html'), 'utf8');
  return createSpaIndex(html);
}

export function createSpaIndex(html: string): SpaIndex {
  // Drop any nonce the build left, then mark every insertion point.
  const cleaned = html.replace(
    /(<(?:script|style|link)\b[^>]*?)\s+nonce=(?:"[^"]*"|'[^']*'|[^\s>]+)/gi,
    '$1',
  );
  const parts = cleaned.split(/(?<=<(?:script|style|link))(?=[\s>/])/i);
  return { render: (nonce) => parts.join(` nonce="${nonce}"`) };
}
